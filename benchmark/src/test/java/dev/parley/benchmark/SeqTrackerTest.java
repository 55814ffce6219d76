package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqTrackerTest {

    @Test
    void inOrderDeliveriesAreNeitherLostDuplicatedNorReordered() {
        SeqTracker tracker = new SeqTracker();
        for (long seq = 5; seq < 15; seq++) {
            assertThat(tracker.record(seq)).isTrue();
        }
        assertThat(tracker.distinct()).isEqualTo(10);
        assertThat(tracker.lost(10)).isZero();
        assertThat(tracker.duplicates()).isZero();
        assertThat(tracker.outOfOrder()).isZero();
    }

    @Test
    void aRepeatedSeqIsADuplicateAndNotADelivery() {
        SeqTracker tracker = new SeqTracker();
        tracker.record(1);
        tracker.record(2);
        assertThat(tracker.record(2)).isFalse();
        assertThat(tracker.duplicates()).isEqualTo(1);
        assertThat(tracker.distinct()).isEqualTo(2);
    }

    @Test
    void aSeqBelowTheHighestSeenIsOutOfOrder() {
        SeqTracker tracker = new SeqTracker();
        tracker.record(1);
        tracker.record(3);
        tracker.record(2);
        assertThat(tracker.outOfOrder()).isEqualTo(1);
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void whatWasAcknowledgedButNeverArrivedIsLost() {
        SeqTracker tracker = new SeqTracker();
        tracker.record(1);
        tracker.record(4);
        assertThat(tracker.lost(4)).isEqualTo(2);
        // More arrived than acknowledged (an acknowledgement still in flight): nothing is counted lost.
        assertThat(tracker.lost(1)).isZero();
    }
}
