package dev.parley.messaging.mention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.common.pubsub.inprocess.InProcessPubSub;
import dev.parley.workspace.client.WorkspaceClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Group mentions resolve to the group's members through the workspace service, once per group until a change notice
 * on pub/sub drops the cached members; text without a group mention asks nothing.
 */
class GroupMentionsTest {

    private final Map<String, List<String>> groups = new ConcurrentHashMap<>(Map.of("S1", List.of("U1", "U2")));
    private final List<WorkspaceClient.GroupQuery> asked = new CopyOnWriteArrayList<>();
    private final InProcessPubSub pubSub = new InProcessPubSub();
    private final GroupMentions mentions;

    GroupMentionsTest() {
        WorkspaceClient workspace = new WorkspaceClient() {
            @Override
            public UserNames usersByName(NamesQuery query) {
                throw new UnsupportedOperationException("no search here");
            }

            @Override
            public UserNames users(UserIds query) {
                throw new UnsupportedOperationException("no search here");
            }

            @Override
            public WorkspaceIds workspaceIds(WorkspaceIdsQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String jwks() {
                throw new UnsupportedOperationException();
            }

            @Override
            public UserIds activeUsers(UserIds query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public dev.parley.common.auth.OpaqueTokens.Grant opaqueToken(TokenHash query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Members activeMembers(UserIds query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public GroupMembers groupMembers(GroupQuery query) {
                asked.add(query);
                Map<String, List<String>> found = new java.util.HashMap<>();
                query.groupIds().stream().filter(groups::containsKey).forEach(g -> found.put(g, groups.get(g)));
                return new GroupMembers(found);
            }
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("workspace", workspace));
        mentions = new GroupMentions(beans.getBeanProvider(WorkspaceClient.class), pubSub);
        mentions.start();
    }

    @AfterEach
    void stop() {
        mentions.stop();
    }

    @Test
    void textWithoutAGroupMentionAsksNothing() {
        assertThat(mentions.resolve("T1", Mentions.parse("hi <@U9> and <!here>"))).containsExactly("user:U9", "here");
        assertThat(asked).isEmpty();
    }

    @Test
    void aGroupMentionMentionsEachMemberOnceAndIsCached() {
        assertThat(mentions.resolve("T1", Mentions.parse("<@U1> <!subteam^S1|@team> <!subteam^S7>")))
                .containsExactly("user:U1", "subteam:S1", "subteam:S7", "user:U2");
        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst().groupIds()).containsExactly("S1", "S7");

        mentions.resolve("T1", Mentions.parse("<!subteam^S1>"));
        assertThat(asked).as("cached").hasSize(1);
        mentions.resolve("T2", Mentions.parse("<!subteam^S1>"));
        assertThat(asked).as("another workspace's group is another entry").hasSize(2);
    }

    @Test
    void aChangeNoticeDropsTheCachedMembers() {
        mentions.resolve("T1", Mentions.parse("<!subteam^S1>"));
        groups.put("S1", List.of("U3"));
        pubSub.publish(WorkspaceClient.GROUP_CHANGES, "T1:S1");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(mentions.resolve("T1", Mentions.parse("<!subteam^S1>"))).containsExactly("subteam:S1", "user:U3"));
    }
}
