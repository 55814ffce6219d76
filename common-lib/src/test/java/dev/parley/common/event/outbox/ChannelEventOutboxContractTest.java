package dev.parley.common.event.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.EventLog;
import dev.parley.common.event.inprocess.InProcessEventLog;
import dev.parley.common.pubsub.inprocess.InProcessTtlKeys;
import dev.parley.common.testing.TestStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relational store contract as the outbox needs it, run against every store adapter: per-channel numbering under
 * concurrency, transactional visibility, and the relay's hand-over to the event log.
 */
public abstract class ChannelEventOutboxContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private ChannelEventOutbox outbox;

    @BeforeEach
    void open() {
        store = createStore();
        outbox = new ChannelEventOutbox(store.dataSource());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ChannelEventOutbox.Slot write(String channel, String payload) {
        return store.tx().execute(s -> {
            ChannelEventOutbox.Slot slot = outbox.next("T1", channel);
            outbox.append(slot, "message", payload);
            return slot;
        });
    }

    @Test
    void aChannelsSlotsAreNumberedFromOneWithIncreasingTs() {
        ChannelEventOutbox.Slot first = write("C1", "{}");
        ChannelEventOutbox.Slot second = write("C1", "{}");
        ChannelEventOutbox.Slot otherChannel = write("C2", "{}");

        assertThat(first.seq()).isEqualTo(1);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.tsMicros()).isGreaterThan(first.tsMicros());
        assertThat(otherChannel.seq()).isEqualTo(1);
        assertThat(second.ts()).matches("\\d{10}\\.\\d{6}");
    }

    @Test
    void concurrentWritersGetUniqueGaplessStrictlyIncreasingSlots() throws Exception {
        int writers = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<ChannelEventOutbox.Slot>>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                List<ChannelEventOutbox.Slot> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(write("CBUSY", "{}"));
                }
                return mine;
            }));
        }
        List<ChannelEventOutbox.Slot> all = new ArrayList<>();
        for (Future<List<ChannelEventOutbox.Slot>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();

        all.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        assertThat(all).extracting(ChannelEventOutbox.Slot::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, writers * each).boxed().toList());
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).tsMicros()).isGreaterThan(all.get(i - 1).tsMicros());
        }
        assertThat(outbox.after("T1", "CBUSY", 0, 1000)).extracting(ChannelEvent::seq)
                .containsExactlyElementsOf(all.stream().map(ChannelEventOutbox.Slot::seq).toList());
    }

    @Test
    void aLockWithoutASlotHoldsOtherWritersOfTheChannelUntilItsTransactionEnds() throws Exception {
        write("CHELD", "{}");
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> holder = pool.submit(() -> store.tx().execute(s -> {
                outbox.lock("T1", "CHELD");
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                // Taken after the other writer asked for one: it still comes first, since that writer waits.
                ChannelEventOutbox.Slot slot = outbox.next("T1", "CHELD");
                outbox.append(slot, "message", "{}");
                return slot.seq();
            }));
            locked.await();
            Future<Long> other = pool.submit(() -> write("CHELD", "{}").seq());
            Thread.sleep(300);
            assertThat(other.isDone()).as("a writer passed the channel's lock").isFalse();
            release.countDown();
            assertThat(holder.get()).isEqualTo(2);
            assertThat(other.get()).isEqualTo(3);
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    @Test
    void oneTransactionLocksOnceAndTakesConsecutiveSlots() {
        List<Long> seqs = store.tx().execute(s -> {
            outbox.lock("T1", "CMANY");
            ChannelEventOutbox.Slot a = outbox.next("T1", "CMANY");
            outbox.append(a, "message", "{}");
            ChannelEventOutbox.Slot b = outbox.next("T1", "CMANY");
            outbox.append(b, "message", "{}");
            assertThat(b.tsMicros()).isGreaterThan(a.tsMicros());
            return List.of(a.seq(), b.seq());
        });
        assertThat(seqs).containsExactly(1L, 2L);
        assertThat(write("CMANY", "{}").seq()).isEqualTo(3);
    }

    @Test
    void reservedTsComeAfterEarlierSlotsAndBeforeLaterOnesWithoutTakingSequenceNumbers() {
        ChannelEventOutbox.Slot before = write("CBULK", "{}");
        Long first = store.tx().execute(s -> outbox.reserveTs("T1", "CBULK", 1000));
        Long second = store.tx().execute(s -> outbox.reserveTs("T1", "CBULK", 10));
        ChannelEventOutbox.Slot after = write("CBULK", "{}");

        assertThat(first).isGreaterThan(before.tsMicros());
        assertThat(second).as("after the whole first block").isGreaterThan(first + 999);
        assertThat(after.tsMicros()).as("after the whole second block").isGreaterThan(second + 9);
        assertThat(after.seq()).as("the sequence stays gapless").isEqualTo(before.seq() + 1);
        assertThat(outbox.heads("T1", List.of("CBULK"))).containsEntry("CBULK", 2L);
        Long fresh = store.tx().execute(s -> outbox.reserveTs("T1", "CNEW", 5));
        assertThat(fresh).as("a channel without a row yet").isPositive();
    }

    @Test
    void workAfterACommitTakesTheChannelsNextSlotInItsOwnTransaction() {
        org.springframework.transaction.support.TransactionTemplate own =
                new org.springframework.transaction.support.TransactionTemplate(store.tx().getTransactionManager());
        own.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        List<Long> after = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.tx().executeWithoutResult(s -> {
            outbox.append(outbox.next("T1", "CAFTER"), "message", "{}");
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            after.add(own.execute(t -> {
                                ChannelEventOutbox.Slot slot = outbox.next("T1", "CAFTER");
                                outbox.append(slot, "message", "{}");
                                return slot.seq();
                            }));
                        }
                    });
        });
        assertThat(after).containsExactly(2L);
        assertThat(write("CAFTER", "{}").seq()).isEqualTo(3);
        assertThat(outbox.after("T1", "CAFTER", 0, 10)).extracting(ChannelEvent::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aRolledBackWriteLeavesNoTraceAndNoGap() {
        write("C1", "{}");
        store.tx().executeWithoutResult(s -> {
            outbox.append(outbox.next("T1", "C1"), "message", "{\"lost\":true}");
            s.setRollbackOnly();
        });
        ChannelEventOutbox.Slot next = write("C1", "{}");

        assertThat(next.seq()).isEqualTo(2);
        assertThat(outbox.after("T1", "C1", 0, 10)).extracting(ChannelEvent::payload).containsExactly("{}", "{}");
    }

    @Test
    void anEventsRoutingIsStoredWithIt() {
        ChannelEvent.Routing routing = ChannelEvent.Routing.users(List.of("U1", "U2")).joining(List.of("U2"));
        store.tx().executeWithoutResult(s -> outbox.append(outbox.next("T1", "C1"), "im_created", "{}", routing));
        write("C1", "{}");

        assertThat(outbox.after("T1", "C1", 0, 10)).extracting(ChannelEvent::routing)
                .containsExactly(routing, ChannelEvent.Routing.MEMBERS);
    }

    @Test
    void lockingWithoutAChangeUsesNoNumber() {
        write("C1", "{}");
        store.tx().executeWithoutResult(s -> outbox.lock("T1", "C1"));
        store.tx().executeWithoutResult(s -> outbox.lock("T1", "CNEW"));

        assertThat(write("C1", "{}").seq()).isEqualTo(2);
        assertThat(write("CNEW", "{}").seq()).isEqualTo(1);
    }

    @Test
    void eventsAreReadBackAfterASequenceNumberWithTheirPayloadIntact() {
        String payload = "{\"text\":\"héllo 👋 <@U1>\"}";
        write("C1", "{\"n\":1}");
        write("C1", payload);
        write("C1", "{\"n\":3}");

        List<ChannelEvent> after = outbox.after("T1", "C1", 1, 10);

        assertThat(after).extracting(ChannelEvent::seq).containsExactly(2L, 3L);
        assertThat(after.getFirst().payload()).isEqualTo(payload);
        assertThat(outbox.after("T1", "C1", 0, 2)).hasSize(2);
        assertThat(outbox.after("T2", "C1", 0, 10)).as("another workspace").isEmpty();
    }

    @Test
    void aWriteIsInvisibleToOthersUntilItCommits() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            store.tx().executeWithoutResult(s -> {
                outbox.append(outbox.next("T1", "C1"), "message", "{}");
                try {
                    assertThat(other.submit(() -> outbox.after("T1", "C1", 0, 10)).get()).isEmpty();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(other.submit(() -> outbox.after("T1", "C1", 0, 10)).get()).hasSize(1);
        } finally {
            other.shutdown();
        }
    }

    @Test
    void redactingRewritesTheEventsAboutOneSubjectAndNoOthers() {
        store.tx().executeWithoutResult(s -> {
            outbox.appendAbout(100, outbox.next("T1", "C1"), "message", "{\"ts\":\"100\",\"text\":\"secret\"}");
            outbox.appendAbout(200, outbox.next("T1", "C1"), "message", "{\"ts\":\"200\",\"text\":\"kept\"}");
            outbox.appendAbout(100, outbox.next("T1", "C1"), "message_changed", "{\"message\":{\"text\":\"secret 2\"}}");
            outbox.appendAbout(100, outbox.next("T1", "C2"), "message", "{\"text\":\"other channel\"}");
        });
        int redacted = store.tx().execute(s -> {
            outbox.lock("T1", "C1");
            return outbox.redact("T1", "C1", 100, payload -> payload.replace("secret", "[gone]"));
        });

        assertThat(redacted).isEqualTo(2);
        assertThat(outbox.after("T1", "C1", 0, 10)).extracting(ChannelEvent::payload).containsExactly(
                "{\"ts\":\"100\",\"text\":\"[gone]\"}", "{\"ts\":\"200\",\"text\":\"kept\"}",
                "{\"message\":{\"text\":\"[gone] 2\"}}");
        assertThat(outbox.after("T1", "C2", 0, 10)).extracting(ChannelEvent::payload)
                .containsExactly("{\"text\":\"other channel\"}");
    }

    @Test
    void readingBackStopsAtThePageSizeBoundButAlwaysReturnsOneEvent() {
        String big = "{\"text\":\"" + "x".repeat(ChannelEventOutbox.PAGE_CHARS / 3) + "\"}";
        for (int i = 0; i < 5; i++) {
            write("CBIG", big);
        }
        List<ChannelEvent> page = outbox.after("T1", "CBIG", 0, 500);
        assertThat(page).extracting(ChannelEvent::seq).containsExactly(1L, 2L);
        assertThat(outbox.after("T1", "CBIG", 2, 500)).extracting(ChannelEvent::seq).containsExactly(3L, 4L);

        String huge = "{\"text\":\"" + "y".repeat(ChannelEventOutbox.PAGE_CHARS + 10) + "\"}";
        write("CHUGE", huge);
        write("CHUGE", "{}");
        assertThat(outbox.after("T1", "CHUGE", 0, 500)).extracting(ChannelEvent::seq).containsExactly(1L);
    }

    @Test
    void thePurgeRemovesOnlyPublishedEventsOlderThanTheRetention() throws Exception {
        write("C1", "{\"n\":1}");
        write("C1", "{\"n\":2}");
        store.tx().executeWithoutResult(s -> outbox.append(outbox.next("T2", "C9"), "message", "{\"n\":\"other workspace\"}"));
        write("C1", "{\"n\":\"not yet published\"}");
        store.jdbc().sql("UPDATE channel_event SET published = TRUE WHERE workspace_id = ? AND channel_id = ? AND seq <= 2")
                .params("T1", "C1").update();
        store.jdbc().sql("UPDATE channel_event SET published = TRUE WHERE workspace_id = ? AND channel_id = ?")
                .params("T2", "C9").update();
        Thread.sleep(5);
        long cutoff = dev.parley.common.id.Ts.nowMicros();
        Thread.sleep(5);
        write("C1", "{\"n\":\"recent\"}");
        store.jdbc().sql("UPDATE channel_event SET published = TRUE WHERE workspace_id = ? AND channel_id = ? AND seq = 4")
                .params("T1", "C1").update();

        OutboxPurge purge = new OutboxPurge(store.jdbcTemplate(), new InProcessTtlKeys(),
                new OutboxProperties(Duration.ofDays(7), Duration.ofMinutes(1)));
        assertThat(purge.purgeBefore(cutoff, 2)).as("a batch at a time").isEqualTo(2);
        assertThat(purge.purgeBefore(cutoff, 2)).isEqualTo(1);
        assertThat(purge.purgeBefore(cutoff, 2)).isZero();

        assertThat(outbox.after("T1", "C1", 0, 10)).extracting(ChannelEvent::seq).containsExactly(3L, 4L);
        assertThat(outbox.after("T2", "C9", 0, 10)).isEmpty();
        assertThat(outbox.heads("T1", List.of("C1"))).as("numbering goes on").containsEntry("C1", 4L);
        assertThat(write("C1", "{}").seq()).isEqualTo(5);
    }

    @Test
    void thePurgeRunsInTheBackgroundWithTheConfiguredRetention() throws Exception {
        write("C1", "{\"n\":1}");
        store.jdbc().sql("UPDATE channel_event SET published = TRUE WHERE workspace_id = ?").param("T1").update();
        Thread.sleep(20);
        OutboxPurge purge = new OutboxPurge(store.jdbcTemplate(), new InProcessTtlKeys(),
                new OutboxProperties(Duration.ofMillis(10), Duration.ofMillis(20)));
        purge.start();
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(outbox.after("T1", "C1", 0, 10)).isEmpty());
        } finally {
            purge.stop();
        }
    }

    @Test
    void theRelayHandsOverBigEventsInBatchesBoundedBySize() throws Exception {
        String big = "{\"text\":\"" + "x".repeat(ChannelEventOutbox.PAGE_CHARS / 3) + "\"}";
        for (int i = 0; i < 7; i++) {
            write(i % 2 == 0 ? "CA" : "CB", big);
        }
        List<List<ChannelEvent>> batches = new CopyOnWriteArrayList<>();
        OutboxRelay relay = new OutboxRelay(store.jdbcTemplate(), new EventLog() {
            @Override
            public void publish(List<ChannelEvent> events) {
                batches.add(List.copyOf(events));
            }

            @Override
            public Subscription subscribe(String group, java.util.function.Consumer<ChannelEvent> handler) {
                throw new UnsupportedOperationException();
            }
        }, new InProcessTtlKeys(), outbox, Duration.ofMillis(50));
        while (relay.relayOnce()) {
            // each round hands over what fits, and says when there is more
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(7);
        assertThat(batches).hasSizeGreaterThan(1).allSatisfy(batch -> assertThat(batch.size() == 1
                || batch.stream().mapToInt(e -> e.payload().length()).sum() <= ChannelEventOutbox.PAGE_CHARS).isTrue());
    }

    @Test
    void aCommitInAProcessWithoutTheLeaseWakesTheHoldersRelayAtOnce() throws Exception {
        InProcessTtlKeys leases = new InProcessTtlKeys();
        dev.parley.common.pubsub.inprocess.InProcessPubSub pubSub = new dev.parley.common.pubsub.inprocess.InProcessPubSub();
        Duration never = Duration.ofMinutes(10);
        try (InProcessEventLog log = new InProcessEventLog()) {
            List<ChannelEvent> received = new CopyOnWriteArrayList<>();
            EventLog.Subscription s = log.subscribe("test", received::add);
            write("CA", "{\"i\":0}");
            // The holder: another process's outbox on the same store, polling only every ten minutes.
            OutboxRelay holder = new OutboxRelay(store.jdbcTemplate(), log, leases, new ChannelEventOutbox(store.dataSource()),
                    never, pubSub);
            OutboxRelay other = new OutboxRelay(store.jdbcTemplate(), log, leases, outbox, never, pubSub);
            holder.start();
            try {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received).hasSize(1));
                other.start();
                write("CA", "{\"i\":1}");
                write("CB", "{\"i\":2}");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received).hasSize(3));
            } finally {
                other.stop();
                holder.stop();
                s.close();
            }
        }
    }

    @Test
    void theRelayPublishesCommittedEventsOnceInChannelOrderAndMarksThem() throws Exception {
        List<ChannelEvent> published = Collections.synchronizedList(new ArrayList<>());
        try (InProcessEventLog log = new InProcessEventLog()) {
            List<ChannelEvent> received = new CopyOnWriteArrayList<>();
            EventLog.Subscription s = log.subscribe("test", received::add);
            OutboxRelay relay = new OutboxRelay(store.jdbcTemplate(), new EventLog() {
                @Override
                public void publish(List<ChannelEvent> events) {
                    published.addAll(events);
                    log.publish(events);
                }

                @Override
                public Subscription subscribe(String group, java.util.function.Consumer<ChannelEvent> handler) {
                    return log.subscribe(group, handler);
                }
            }, new InProcessTtlKeys(), outbox, Duration.ofMillis(50));
            for (int i = 0; i < 30; i++) {
                write(i % 2 == 0 ? "CA" : "CB", "{\"i\":" + i + "}");
            }
            relay.start();
            try {
                for (int i = 30; i < 60; i++) {
                    write(i % 2 == 0 ? "CA" : "CB", "{\"i\":" + i + "}");
                }
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(received).hasSize(60));
            } finally {
                relay.stop();
                s.close();
            }
            for (String channel : List.of("CA", "CB")) {
                assertThat(received.stream().filter(e -> e.channelId().equals(channel)).map(ChannelEvent::seq).toList())
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
            }
            assertThat(published).hasSize(60);
            assertThat(store.jdbc().sql("SELECT COUNT(*) FROM channel_event WHERE workspace_id = ? AND published = FALSE")
                    .param("T1").query(Long.class).single())
                    .isZero();
        }
    }
}
