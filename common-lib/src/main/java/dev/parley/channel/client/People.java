package dev.parley.channel.client;

import dev.parley.common.auth.Caller;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which people a caller may see, the one rule every service applies to user ids: full members see everyone in the
 * workspace; a guest sees only itself and the people it shares a conversation with (memberships the channel service
 * keeps). A person a caller may not see is {@code user_not_found} for them, as if they did not exist.
 */
public final class People {

    /** The most ids one {@link #visible} call sends to the channel service at once. */
    static final int BATCH = 1000;

    private final Supplier<ChannelClient> channels;

    public People(Supplier<ChannelClient> channels) {
        this.channels = channels;
    }

    /** Whether the caller sees every person of the workspace, so no list of theirs needs filtering. */
    public boolean seesEveryone(Caller caller) {
        return !caller.isGuest();
    }

    /** The ids the caller may see, in the order given; duplicates are kept as given. */
    public List<String> visible(Caller caller, List<String> userIds) {
        if (seesEveryone(caller) || userIds.isEmpty()) {
            return userIds;
        }
        List<String> distinct = userIds.stream().distinct().toList();
        Set<String> seen = new java.util.HashSet<>();
        for (int from = 0; from < distinct.size(); from += BATCH) {
            List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + BATCH));
            seen.addAll(channels.get().coMembers(new ChannelClient.CoMembersQuery(caller.workspaceId(), caller.userId(),
                    batch, "", batch.size())).userIds());
        }
        return userIds.stream().filter(seen::contains).toList();
    }

    /** Whether the caller may see this person. */
    public boolean sees(Caller caller, String userId) {
        return userId != null && (seesEveryone(caller) || !visible(caller, List.of(userId)).isEmpty());
    }

    /**
     * For a caller who does not see everyone, a page of the ids they see, in id order after {@code afterUserId};
     * empty for one who sees everyone (the workspace's own list applies).
     */
    public Optional<List<String>> page(Caller caller, String afterUserId, int limit) {
        if (seesEveryone(caller)) {
            return Optional.empty();
        }
        return Optional.of(channels.get().coMembers(new ChannelClient.CoMembersQuery(caller.workspaceId(),
                caller.userId(), List.of(), afterUserId == null ? "" : afterUserId, limit)).userIds());
    }
}
