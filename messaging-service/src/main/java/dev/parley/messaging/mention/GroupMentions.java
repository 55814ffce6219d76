package dev.parley.messaging.mention;

import dev.parley.common.pubsub.PubSub;
import dev.parley.workspace.client.WorkspaceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Resolves {@code <!subteam^S…>} mentions to the group's members, so each member is mentioned ({@code user:U…}) as
 * if named. Members come from the workspace service and are cached per group; the workspace service announces every
 * change of a group on {@link WorkspaceClient#GROUP_CHANGES}, which drops that entry, and entries also lapse after
 * {@code TTL} in case a notice was lost (pub/sub is at most once). Text that mentions no group costs no remote call.
 */
@Component
public class GroupMentions implements SmartLifecycle {

    static final Duration TTL = Duration.ofSeconds(60);
    static final int MAX_CACHED = 10_000;

    private record Entry(List<String> members, long loadedAt) {
    }

    private final ObjectProvider<WorkspaceClient> workspace;
    private final PubSub pubSub;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private volatile PubSub.Subscription subscription;

    GroupMentions(ObjectProvider<WorkspaceClient> workspace, PubSub pubSub) {
        this.workspace = workspace;
        this.pubSub = pubSub;
    }

    /** The mentions with every member of each mentioned, enabled group added as a user mention. */
    public List<String> resolve(String workspaceId, List<String> mentions) {
        List<String> groups = mentions.stream().filter(m -> m.startsWith("subteam:")).map(m -> m.substring(8)).toList();
        if (groups.isEmpty()) {
            return mentions;
        }
        long now = System.nanoTime();
        Set<String> resolved = new LinkedHashSet<>(mentions);
        List<String> missing = new ArrayList<>();
        for (String group : groups) {
            Entry e = cache.get(key(workspaceId, group));
            if (e == null || now - e.loadedAt() > TTL.toNanos()) {
                missing.add(group);
            } else {
                e.members().forEach(u -> resolved.add("user:" + u));
            }
        }
        if (!missing.isEmpty()) {
            Map<String, List<String>> loaded = workspace.getObject()
                    .groupMembers(new WorkspaceClient.GroupQuery(workspaceId, missing)).members();
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            for (String group : missing) {
                List<String> members = loaded == null ? List.of() : loaded.getOrDefault(group, List.of());
                cache.put(key(workspaceId, group), new Entry(List.copyOf(members), now));
                members.forEach(u -> resolved.add("user:" + u));
            }
        }
        return List.copyOf(resolved);
    }

    void forget(String notice) {
        cache.remove(notice);
    }

    private static String key(String workspaceId, String groupId) {
        return workspaceId + ":" + groupId;
    }

    @Override
    public void start() {
        subscription = pubSub.subscribe(WorkspaceClient.GROUP_CHANGES, this::forget);
    }

    @Override
    public void stop() {
        PubSub.Subscription s = subscription;
        subscription = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
