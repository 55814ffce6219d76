package dev.parley.common.ratelimit.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.ratelimit.Decision;
import dev.parley.common.ratelimit.Limit;
import dev.parley.common.ratelimit.RateLimiter;
import dev.parley.common.ratelimit.RateLimiterContractTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process adapter; one process has one limiter, so "another process" is the same one. */
class InProcessRateLimiterTest extends RateLimiterContractTest {

    private final InProcessRateLimiter limiter = new InProcessRateLimiter();

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }

    @Override
    protected RateLimiter anotherProcess() {
        return limiter;
    }

    @Test
    void theBucketRefillsAtTheRateUpToTheBurst() {
        AtomicLong clock = new AtomicLong(1_000);
        InProcessRateLimiter timed = new InProcessRateLimiter(clock::get);
        Limit sixASecondBurst2 = new Limit(360, 2);
        assertThat(timed.tryAcquire("k", sixASecondBurst2).allowed()).isTrue();
        assertThat(timed.tryAcquire("k", sixASecondBurst2).allowed()).isTrue();
        Decision refused = timed.tryAcquire("k", sixASecondBurst2);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofNanos(sixASecondBurst2.intervalNanos()));

        clock.addAndGet(Duration.ofMinutes(10).toNanos());
        assertThat(timed.tryAcquire("k", sixASecondBurst2).allowed()).isTrue();
        assertThat(timed.tryAcquire("k", sixASecondBurst2).allowed()).isTrue();
        assertThat(timed.tryAcquire("k", sixASecondBurst2).allowed()).as("a long pause saves no more than the burst").isFalse();
    }

    @Test
    void keysWhoseBucketIsFullAgainAreForgotten() {
        AtomicLong clock = new AtomicLong(0);
        InProcessRateLimiter timed = new InProcessRateLimiter(clock::get);
        Limit limit = new Limit(60, 5);
        for (int i = 0; i < 4095; i++) {
            timed.tryAcquire("client-" + i, limit);
        }
        assertThat(timed.size()).isEqualTo(4095);
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        timed.tryAcquire("one more", limit);
        assertThat(timed.size()).as("only the key just used is left").isEqualTo(1);
    }
}
