package dev.parley.benchmark;

import java.util.concurrent.locks.LockSupport;

/**
 * Send times fixed in advance: the i-th send is due at {@code start + i / rate}. Latency is measured from that
 * intended time, so a sender that falls behind (or a server that stalls it) shows up in the numbers instead of
 * silently lowering the rate: coordinated omission avoided.
 */
public final class FixedSchedule {

    private final long startNanos;
    private final double periodNanos;

    public FixedSchedule(long startNanos, double perSecond) {
        this.startNanos = startNanos;
        this.periodNanos = 1e9 / perSecond;
    }

    public long intended(long i) {
        return startNanos + Math.round(i * periodNanos);
    }

    /** How many sends fit in a duration. */
    public long count(long durationNanos) {
        return (long) Math.floor(durationNanos / periodNanos);
    }

    /** Waits until the i-th send is due (returns at once when already late) and returns its intended time. */
    public long awaitTurn(long i) {
        long due = intended(i);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }
}
