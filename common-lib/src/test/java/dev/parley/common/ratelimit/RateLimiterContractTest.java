package dev.parley.common.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} adapter must do; each adapter's test extends this. Limits are chosen so that a slow
 * machine cannot change the outcome: refusals are tested at one call a minute, refills at a few a second.
 */
public abstract class RateLimiterContractTest {

    private static final Limit ONE_A_MINUTE_BURST_3 = new Limit(1, 3);

    protected abstract RateLimiter limiter();

    /** A limiter of another process of the same deployment, which must count together with {@link #limiter()}. */
    protected abstract RateLimiter anotherProcess();

    private static String key() {
        return "test:" + UUID.randomUUID();
    }

    @Test
    void theBurstGoesThroughThenACallWaitsForTheNextInterval() {
        String key = key();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter().tryAcquire(key, ONE_A_MINUTE_BURST_3).allowed()).as("call %d of the burst", i).isTrue();
        }
        Decision refused = limiter().tryAcquire(key, ONE_A_MINUTE_BURST_3);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isGreaterThan(Duration.ofSeconds(50)).isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(refused.retryAfterSeconds()).isBetween(51L, 60L);
    }

    @Test
    void refusedCallsTakeNothing() {
        String key = key();
        limiter().tryAcquire(key, ONE_A_MINUTE_BURST_3);
        limiter().tryAcquire(key, ONE_A_MINUTE_BURST_3);
        limiter().tryAcquire(key, ONE_A_MINUTE_BURST_3);
        Decision first = limiter().tryAcquire(key, ONE_A_MINUTE_BURST_3);
        Decision last = first;
        for (int i = 0; i < 20; i++) {
            last = limiter().tryAcquire(key, ONE_A_MINUTE_BURST_3);
            assertThat(last.allowed()).isFalse();
        }
        assertThat(last.retryAfter()).as("the wait only shrinks").isLessThanOrEqualTo(first.retryAfter());
    }

    @Test
    void afterTheWaitACallGoesThrough() throws InterruptedException {
        String key = key();
        Limit twoASecond = new Limit(120, 5);
        Decision refused = Decision.ALLOWED;
        for (int i = 0; i < 1000 && refused.allowed(); i++) {
            refused = limiter().tryAcquire(key, twoASecond);
        }
        assertThat(refused.allowed()).as("refused once the burst is used").isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        Thread.sleep(refused.retryAfter().toMillis() + 20);
        assertThat(limiter().tryAcquire(key, twoASecond).allowed()).isTrue();
    }

    @Test
    void keysCountApart() {
        String first = key();
        String second = key();
        Limit one = new Limit(1, 1);
        assertThat(limiter().tryAcquire(first, one).allowed()).isTrue();
        assertThat(limiter().tryAcquire(first, one).allowed()).isFalse();
        assertThat(limiter().tryAcquire(second, one).allowed()).isTrue();
    }

    @Test
    void concurrentCallersNeverTakeMoreThanTheBurst() throws Exception {
        assertExactlyTheBurstGoesThrough(List.of(limiter()));
    }

    @Test
    void twoProcessesSharingTheStoreHoldTheLimitTogether() throws Exception {
        assertExactlyTheBurstGoesThrough(List.of(limiter(), anotherProcess()));
        String key = key();
        Limit one = new Limit(1, 1);
        assertThat(limiter().tryAcquire(key, one).allowed()).isTrue();
        assertThat(anotherProcess().tryAcquire(key, one).allowed()).as("the other process sees the call").isFalse();
    }

    private void assertExactlyTheBurstGoesThrough(List<RateLimiter> limiters) throws Exception {
        String key = key();
        Limit burst20 = new Limit(1, 20);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> allowed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                RateLimiter limiter = limiters.get(t % limiters.size());
                Callable<Integer> caller = () -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < 25; i++) {
                        mine += limiter.tryAcquire(key, burst20).allowed() ? 1 : 0;
                    }
                    return mine;
                };
                allowed.add(pool.submit(caller));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : allowed) {
                total += f.get();
            }
            assertThat(total).as("allowed out of %d calls", threads * 25).isEqualTo(20);
        }
    }
}
