package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixedScheduleTest {

    @Test
    void sendTimesAreFixedByTheRateNotByWhenTheSenderGotThere() {
        FixedSchedule schedule = new FixedSchedule(1_000_000_000L, 400);
        assertThat(schedule.intended(0)).isEqualTo(1_000_000_000L);
        assertThat(schedule.intended(1)).isEqualTo(1_002_500_000L);
        assertThat(schedule.intended(400)).isEqualTo(2_000_000_000L);
        assertThat(schedule.count(10_000_000_000L)).isEqualTo(4_000);
    }

    @Test
    void aLateSenderGetsTheIntendedTimeSoItsDelayCountsAsLatency() {
        long start = System.nanoTime() - 1_000_000_000L;
        FixedSchedule schedule = new FixedSchedule(start, 10);
        // The 5th send was due half a second ago: no wait, and latency is measured from then.
        long before = System.nanoTime();
        assertThat(schedule.awaitTurn(5)).isEqualTo(start + 500_000_000L);
        assertThat(System.nanoTime() - before).isLessThan(100_000_000L);
    }
}
