package dev.parley.channel.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.testing.TestStore;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The channel store on every relational store adapter: who shares a conversation, and single-channel guests' seats. */
abstract class ChannelRepositoryContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private ChannelRepository channels;

    @BeforeEach
    void open() {
        store = createStore();
        channels = new ChannelRepository(store.jdbc());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void channel(String workspaceId, String channelId, String... members) {
        channels.insert(new Channel(workspaceId, channelId, channelId.toLowerCase(), Channel.PUBLIC, members[0], 1, false,
                Channel.Topic.NONE, Channel.Topic.NONE));
        for (String member : members) {
            channels.addMember(workspaceId, channelId, member, 1);
        }
    }

    @Test
    void pagesOfChannelIdsWalkOneWorkspaceInIdOrder() {
        channel("T1", "C3", "U1");
        channel("T1", "C1", "U1");
        channel("T1", "C2", "U2");
        channel("T2", "C0", "U9");

        assertThat(channels.idsAfter("T1", null, 2)).containsExactly("C1", "C2");
        assertThat(channels.idsAfter("T1", "C2", 2)).containsExactly("C3");
        assertThat(channels.idsAfter("T1", "C3", 2)).isEmpty();
        assertThat(channels.idsAfter("T2", "", 10)).as("another workspace's channels stay apart").containsExactly("C0");
    }

    @Test
    void aChannelSeenByAUserSaysWhetherThatUserIsAMemberNow() {
        channel("T1", "C1", "U1", "U2");
        channel("T2", "C1", "U3");

        assertThat(channels.findSeenBy("T1", "C1", "U1")).get().satisfies(seen -> {
            assertThat(seen.channel()).isEqualTo(channels.find("T1", "C1").orElseThrow());
            assertThat(seen.member()).isTrue();
        });
        assertThat(channels.findSeenBy("T1", "C1", "U3")).get().extracting(ChannelRepository.SeenBy::member)
                .as("a member of the same channel id in another workspace").isEqualTo(false);
        channels.removeMember("T1", "C1", "U2");
        assertThat(channels.findSeenBy("T1", "C1", "U2")).get().extracting(ChannelRepository.SeenBy::member)
                .as("removed").isEqualTo(false);
        assertThat(channels.findSeenBy("T1", "C9", "U1")).as("no such channel").isEmpty();
        assertThat(channels.findSeenBy("T3", "C1", "U3")).as("another workspace").isEmpty();
    }

    @Test
    void coMembersAreThePeopleOfTheUsersConversationsInIdOrder() {
        channel("T1", "C1", "U1", "U3");
        channel("T1", "C2", "U3", "U4", "U1");
        channel("T1", "C3", "U5", "U6");
        channel("T2", "C9", "U1", "U7");

        assertThat(channels.coMembers("T1", "U1", List.of(), "", 10)).containsExactly("U1", "U3", "U4");
        assertThat(channels.coMembers("T1", "U1", List.of(), "U1", 1)).containsExactly("U3");
        assertThat(channels.coMembers("T1", "U1", List.of(), "U3", 10)).containsExactly("U4");
        assertThat(channels.coMembers("T1", "U1", List.of("U4", "U5", "U7"), "", 10)).containsExactly("U4");
        assertThat(channels.coMembers("T1", "U2", List.of(), "", 10)).as("in no conversation").isEmpty();
        assertThat(channels.coMembers("T2", "U1", List.of(), "", 10)).as("another workspace").containsExactly("U1", "U7");
    }

    @Test
    void aSingleChannelGuestHoldsOneSeatUntilItLeavesThatChannel() {
        assertThat(channels.takeGuestSeat("T1", "U1", "C1")).isTrue();
        assertThat(channels.takeGuestSeat("T1", "U1", "C1")).as("the same channel again").isTrue();
        assertThat(channels.takeGuestSeat("T1", "U1", "C2")).isFalse();
        assertThat(channels.takeGuestSeat("T2", "U1", "C2")).as("another workspace").isTrue();

        channels.releaseGuestSeat("T1", "U1", "C2");
        assertThat(channels.takeGuestSeat("T1", "U1", "C2")).as("releasing another channel frees nothing").isFalse();
        channels.releaseGuestSeat("T1", "U1", "C1");
        assertThat(channels.takeGuestSeat("T1", "U1", "C2")).isTrue();
    }

    @Test
    void twoInvitationsRacingForOneGuestSeatCannotBothWin() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Boolean>> takers = List.of("C1", "C2").stream().<Callable<Boolean>>map(channel -> () -> {
                start.await();
                return store.tx().execute(s -> channels.takeGuestSeat("T1", "U1", channel));
            }).toList();
            List<Future<Boolean>> results = takers.stream().map(pool::submit).toList();
            start.countDown();
            long won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
