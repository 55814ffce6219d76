package dev.parley.common.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link PubSub} adapter must do; each adapter's test extends this. */
public abstract class PubSubContractTest {

    protected abstract PubSub pubSub();

    private static String topic() {
        return "topic-" + UUID.randomUUID();
    }

    @Test
    void aMessagePublishedAfterSubscribeReturnsIsDeliveredInOrder() {
        String topic = topic();
        List<String> received = new CopyOnWriteArrayList<>();
        try (PubSub.Subscription s = pubSub().subscribe(topic, received::add)) {
            List<String> sent = IntStream.range(0, 100).mapToObj(i -> "m" + i).toList();
            sent.forEach(m -> pubSub().publish(topic, m));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received).containsExactlyElementsOf(sent));
        }
    }

    @Test
    void everySubscriberOfATopicGetsTheMessageAndOtherTopicsGetNothing() {
        String topic = topic();
        String other = topic();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        List<String> elsewhere = new CopyOnWriteArrayList<>();
        try (var a = pubSub().subscribe(topic, first::add);
             var b = pubSub().subscribe(topic, second::add);
             var c = pubSub().subscribe(other, elsewhere::add)) {
            pubSub().publish(topic, "hello");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(first).containsExactly("hello");
                assertThat(second).containsExactly("hello");
            });
            pubSub().publish(other, "marker");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(elsewhere).containsExactly("marker"));
        }
    }

    @Test
    void closingOneSubscriptionLeavesTheOthers() {
        String topic = topic();
        List<String> kept = new CopyOnWriteArrayList<>();
        List<String> closed = new CopyOnWriteArrayList<>();
        try (var keep = pubSub().subscribe(topic, kept::add)) {
            pubSub().subscribe(topic, closed::add).close();
            pubSub().publish(topic, "after");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kept).containsExactly("after"));
            assertThat(closed).isEmpty();
        }
        // With no subscriber left, publishing is still fine and reaches no one.
        pubSub().publish(topic, "nobody");
        assertThat(kept).containsExactly("after");
    }

    @Test
    void aTopicCanBeSubscribedAgainAfterItsLastSubscriberLeft() {
        String topic = topic();
        pubSub().subscribe(topic, m -> { }).close();
        List<String> received = new CopyOnWriteArrayList<>();
        try (var again = pubSub().subscribe(topic, received::add)) {
            pubSub().publish(topic, "back");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(received).containsExactly("back"));
        }
    }
}
