package dev.parley.benchmark;

import java.util.BitSet;

/**
 * One socket's view of one channel's sequence: which {@code seq} numbers arrived, so that a repeat is a duplicate,
 * one below the highest seen is out of order, and what never came is lost. Owned by the socket's event loop.
 */
public final class SeqTracker {

    private final BitSet seen = new BitSet();
    private long highest = -1;
    private long duplicates;
    private long outOfOrder;

    /** Records a receipt; false when it is a duplicate (and so must not count as a delivery). */
    public synchronized boolean record(long seq) {
        int bit = Math.toIntExact(seq);
        if (seen.get(bit)) {
            duplicates++;
            return false;
        }
        seen.set(bit);
        if (seq < highest) {
            outOfOrder++;
        }
        highest = Math.max(highest, seq);
        return true;
    }

    /** The highest seq seen, or -1: what a reconnecting client resumes from. */
    public synchronized long highest() {
        return highest;
    }

    public synchronized long distinct() {
        return seen.cardinality();
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    public synchronized long outOfOrder() {
        return outOfOrder;
    }

    /** Deliveries that never came, given how many of this channel's benchmark messages the server acknowledged. */
    public synchronized long lost(long acknowledged) {
        return Math.max(0, acknowledged - seen.cardinality());
    }
}
