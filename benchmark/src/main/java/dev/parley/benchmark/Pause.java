package dev.parley.benchmark;

import java.time.Duration;

/** Sleeps that turn an interrupt back into the interrupted state and a stop. */
final class Pause {

    private Pause() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void of(Duration duration) {
        millis(duration.toMillis());
    }
}
