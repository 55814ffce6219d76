package dev.parley.search.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lag histogram covers the current and the previous window, and forgets what is older. */
class IndexLagTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong(7);
    private final IndexLag lag = new IndexLag(Duration.ofSeconds(60), backlog::get, clock::get);

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void aNewLagHasNoEvents() {
        assertThat(lag.snapshot()).isEqualTo(new IndexLag.Snapshot(0, 0, 0, 0, 7));
    }

    @Test
    void percentilesCoverTheLastOneToTwoWindows() {
        for (int i = 1; i <= 100; i++) {
            lag.record(i * 10);
        }
        IndexLag.Snapshot first = lag.snapshot();
        assertThat(first.events()).isEqualTo(100);
        assertThat(first.p50Millis()).isBetween(495L, 505L);
        assertThat(first.p99Millis()).isBetween(985L, 995L);
        assertThat(first.maxMillis()).isBetween(995L, 1005L);

        advance(Duration.ofSeconds(61));
        lag.record(5);
        assertThat(lag.snapshot().events()).as("the previous window still counts").isEqualTo(101);

        advance(Duration.ofSeconds(61));
        lag.record(3);
        IndexLag.Snapshot later = lag.snapshot();
        assertThat(later.events()).as("the first window is forgotten").isEqualTo(2);
        assertThat(later.maxMillis()).isEqualTo(5);

        advance(Duration.ofMinutes(10));
        assertThat(lag.snapshot().events()).as("quiet for long: nothing recent").isZero();
    }

    @Test
    void negativeAndHugeLagsAreClamped() {
        lag.record(-5);
        lag.record(Long.MAX_VALUE);
        IndexLag.Snapshot snapshot = lag.snapshot();
        assertThat(snapshot.events()).isEqualTo(2);
        assertThat(snapshot.maxMillis()).isBetween(3_599_000L, 3_601_000L);
    }
}
