package dev.parley.presence;

import dev.parley.channel.client.People;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ids;
import dev.parley.workspace.client.WorkspaceClient;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which users a caller may ask about: active users of the caller's own workspace, as the workspace service knows
 * them, that the caller may see ({@link People}: a guest only the people of its conversations). Anyone else,
 * including a user of another workspace, is {@code user_not_found}.
 */
@Component
public class KnownUsers {

    private final ObjectProvider<WorkspaceClient> workspace;
    private final People people;

    KnownUsers(ObjectProvider<WorkspaceClient> workspace, People people) {
        this.workspace = workspace;
        this.people = people;
    }

    /** The user named by a {@code user} argument, the caller when it is absent. */
    public String require(Caller caller, Optional<String> user) {
        return requireAll(caller, List.of(user.orElse(caller.userId()))).getFirst();
    }

    /** The distinct users named, in the order given; one unknown id fails them all. */
    public List<String> requireAll(Caller caller, List<String> userIds) {
        List<String> distinct = userIds.stream().map(String::trim).distinct().toList();
        if (distinct.stream().anyMatch(id -> !Ids.looksLike(id, 'U', 'W', 'B'))) {
            throw new SlackApiException("user_not_found");
        }
        List<String> others = distinct.stream().filter(id -> !id.equals(caller.userId())).toList();
        if (!others.isEmpty()) {
            List<String> found = workspace.getObject()
                    .activeUsers(new WorkspaceClient.UserIds(caller.workspaceId(), others)).userIds();
            if (found.size() != others.size() || !found.containsAll(others)
                    || people.visible(caller, others).size() != others.size()) {
                throw new SlackApiException("user_not_found");
            }
        }
        return distinct;
    }
}
