package dev.parley.common.ratelimit.inprocess;

import dev.parley.common.ratelimit.Decision;
import dev.parley.common.ratelimit.Limit;
import dev.parley.common.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * GCRA buckets in this process's memory, for the standalone server. Each key holds its theoretical arrival time; a
 * key whose time has passed holds nothing a fresh key would not, so such keys are swept now and then.
 */
public final class InProcessRateLimiter implements RateLimiter {

    private static final int SWEEP_EVERY = 4096;

    private final ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final LongSupplier nanoClock;

    public InProcessRateLimiter() {
        this(System::nanoTime);
    }

    /** With a clock of its own (monotonic nanoseconds), for tests. */
    public InProcessRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public Decision tryAcquire(String key, Limit limit) {
        long now = nanoClock.getAsLong();
        long interval = limit.intervalNanos();
        long tolerance = interval * limit.burst();
        long[] wait = {0};
        // compute() runs atomically per key, so two callers cannot both take the last allowance.
        arrivals.compute(key, (k, arrival) -> {
            long start = arrival == null || arrival - now < 0 ? now : arrival;
            long next = start + interval;
            long allowedAt = next - tolerance;
            if (allowedAt - now > 0) {
                wait[0] = allowedAt - now;
                return arrival;
            }
            return next;
        });
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            // removeIf on the values view removes an entry only if it still holds the value tested.
            arrivals.values().removeIf(arrival -> arrival - now <= 0);
        }
        return wait[0] == 0 ? Decision.ALLOWED : Decision.waitFor(Duration.ofNanos(wait[0]));
    }

    /** How many keys are held, for tests of the sweep. */
    int size() {
        return arrivals.size();
    }
}
