package dev.parley.search.indexing;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The index lag: for each event, the time from its {@code event_ts} to the index commit that made it searchable, as
 * a recent histogram (the last one to two windows) in milliseconds, with the events waiting to be indexed.
 */
public final class IndexLag {

    /** Lags above this (an hour) are recorded as this: a catch-up after downtime must not break the histogram. */
    private static final long MAX_MILLIS = 3_600_000;

    private final long windowNanos;
    private final LongSupplier backlog;
    private final LongSupplier nanoTime;
    private Histogram current = histogram();
    private Histogram previous = histogram();
    private long windowStart;

    IndexLag(Duration window, LongSupplier backlog) {
        this(window, backlog, System::nanoTime);
    }

    IndexLag(Duration window, LongSupplier backlog, LongSupplier nanoTime) {
        this.windowNanos = window.toNanos();
        this.backlog = backlog;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    private static Histogram histogram() {
        return new Histogram(MAX_MILLIS, 3);
    }

    /** Records one event's lag. */
    synchronized void record(long lagMillis) {
        rotate();
        current.recordValue(Math.clamp(lagMillis, 0, MAX_MILLIS));
    }

    /** Drops the older window when the current one is over, so the numbers say how the index is doing now. */
    private void rotate() {
        long now = nanoTime.getAsLong();
        long elapsed = now - windowStart;
        if (elapsed >= 2 * windowNanos) {
            current.reset();
            previous.reset();
            windowStart = now;
        } else if (elapsed >= windowNanos) {
            Histogram emptied = previous;
            emptied.reset();
            previous = current;
            current = emptied;
            windowStart = now;
        }
    }

    /** The lag over the recent windows and the current backlog. */
    public synchronized Snapshot snapshot() {
        rotate();
        Histogram both = previous.copy();
        both.add(current);
        long count = both.getTotalCount();
        return new Snapshot(count, count == 0 ? 0 : both.getValueAtPercentile(50),
                count == 0 ? 0 : both.getValueAtPercentile(99), count == 0 ? 0 : both.getMaxValue(),
                backlog.getAsLong());
    }

    /**
     * The recent index lag in milliseconds over {@code events} events (zeros when there were none), and how many
     * events are waiting to be indexed now.
     */
    public record Snapshot(long events, long p50Millis, long p99Millis, long maxMillis, long backlog) {
    }
}
