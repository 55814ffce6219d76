package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FanoutAccountingTest {

    private final SeqTracker tracker = new SeqTracker();
    private final Histogram step0 = new Histogram(60_000_000L, 3);
    private final AtomicLongArray acknowledged = new AtomicLongArray(4);
    private final AtomicLong refused = new AtomicLong();

    private void receive(String frame) {
        FanoutScenario.receive(frame, tracker, List.of(step0), acknowledged, refused, 4);
    }

    @Test
    void aMessageEventIsReadBackWithItsStepChannelIntendedTimeAndSeq() {
        BenchMessage m = BenchMessage.read("{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"U1\",\"text\":\""
                + BenchMessage.text(2, 7, 123456789L) + "\",\"ts\":\"1.000100\",\"seq\":42}");
        assertThat(m).isEqualTo(new BenchMessage(2, 7, 123456789L, 42));
        assertThat(BenchMessage.read("{\"type\":\"message\",\"subtype\":\"channel_join\",\"text\":\"joined\",\"seq\":3}")).isNull();
        assertThat(BenchMessage.read("{\"type\":\"hello\"}")).isNull();
    }

    @Test
    void latencyRunsFromTheIntendedSendTimeAndADuplicateIsNotRecordedTwice() {
        long intended = System.nanoTime() - 50_000_000L;
        String event = "{\"type\":\"message\",\"channel\":\"C1\",\"text\":\"" + BenchMessage.text(0, 1, intended) + "\",\"seq\":9}";
        receive(event);
        receive(event);
        assertThat(step0.getTotalCount()).isEqualTo(1);
        assertThat(step0.getMaxValue()).isBetween(50_000L, 5_000_000L);
        assertThat(tracker.duplicates()).isEqualTo(1);
    }

    @Test
    void repliesCountAsAcknowledgedForTheChannelTheirIdNamesOrAsRefused() {
        receive("{\"ok\":true,\"reply_to\":9,\"channel\":\"C1\",\"ts\":\"1.000100\",\"text\":\"bench 0 1 5\"}");
        receive("{\"ok\":false,\"reply_to\":10,\"error\":{\"code\":429,\"msg\":\"rate_limited\"}}");
        assertThat(acknowledged.get(1)).isEqualTo(1);
        assertThat(refused.get()).isEqualTo(1);
        assertThat(step0.getTotalCount()).isZero();
    }
}
