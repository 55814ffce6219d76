package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The history scenario's choice of pages and its check of each answer. */
class HistoryPagesTest {

    private final long[] ts = LongStream.range(0, 1000).map(i -> 1_700_000_000_000_000L + 3 * i).toArray();

    private ObjectNode answer(int top, int count) {
        ObjectNode answer = ParleyApi.JSON.createObjectNode().put("ok", true);
        ArrayNode messages = answer.putArray("messages");
        for (int i = top; i > top - count; i--) {
            messages.addObject().put("text", HistorySeed.text(i)).put("ts", dev.parley.common.id.Ts.format(ts[i]));
        }
        return answer;
    }

    @Test
    void everyChosenPageLiesInsideTheChannelAndIsFull() {
        SplittableRandom random = new SplittableRandom(1);
        HistoryScenario.Page previous = null;
        for (int i = 0; i < 10_000; i++) {
            HistoryScenario.Page page = HistoryScenario.choose(random, ts, 100, previous, previous == null ? null : "c");
            assertThat(page.count()).isEqualTo(100);
            assertThat(page.bottom()).isNotNegative();
            assertThat(page.top()).isLessThan(ts.length);
            if (page.kind().equals("next_cursor")) {
                assertThat(page.top()).isEqualTo(previous.bottom() - 1);
            }
            previous = page;
        }
    }

    @Test
    void aPageMatchesOnlyTheExpectedMessagesInOrder() {
        HistoryScenario.Page page = new HistoryScenario.Page("below_random", java.util.List.of(), 499, 100);
        assertThat(HistoryScenario.matches(answer(499, 100), page, ts)).isTrue();
        assertThat(HistoryScenario.matches(answer(500, 100), page, ts)).as("one off").isFalse();
        assertThat(HistoryScenario.matches(answer(499, 99), page, ts)).as("short").isFalse();
        ObjectNode swapped = answer(499, 100);
        ArrayNode messages = (ArrayNode) swapped.path("messages");
        var first = messages.get(0);
        messages.set(0, messages.get(1));
        messages.set(1, first);
        assertThat(HistoryScenario.matches(swapped, page, ts)).as("out of order").isFalse();
        assertThat(HistorySeed.index("history 42 the quick")).isEqualTo(42);
        assertThat(HistorySeed.index("hello")).isEqualTo(-1);
    }
}
