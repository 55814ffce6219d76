package dev.parley.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bulk load of history on every relational store adapter: rows as a post writes them, ts after and before posts. */
abstract class HistoryImportContractTest {

    protected abstract TestStore createStore();

    private TestStore store;
    private HistoryImport history;
    private MessageRepository messages;
    private ChannelEventOutbox outbox;

    @BeforeEach
    void open() {
        store = createStore();
        history = new HistoryImport(store.dataSource());
        messages = new MessageRepository(store.dataSource());
        outbox = new ChannelEventOutbox(store.dataSource());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ChannelEventOutbox.Slot post(String text) {
        return store.tx().execute(s -> {
            ChannelEventOutbox.Slot slot = outbox.next("T1", "C1");
            messages.insert(new Message("T1", "C1", slot.tsMicros(), "U1", null, text, null, null, null, null, null,
                    false, Message.ThreadSummary.NONE, null), List.of());
            outbox.append(slot, "message", "{}");
            return slot;
        });
    }

    private static List<HistoryImport.Entry> entries(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> new HistoryImport.Entry("U2", "bulk " + i)).toList();
    }

    @Test
    void importedMessagesFollowEarlierPostsPrecedeLaterOnesAndPageInOrder() {
        ChannelEventOutbox.Slot before = post("before");
        List<Long> ts = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            for (long t : history.append("T1", "C1", entries(batch * 1000, 1000))) {
                ts.add(t);
            }
        }
        ChannelEventOutbox.Slot after = post("after");

        assertThat(ts.getFirst()).isGreaterThan(before.tsMicros());
        assertThat(after.tsMicros()).isGreaterThan(ts.getLast());
        assertThat(after.seq()).as("imports take no event numbers").isEqualTo(before.seq() + 1);
        for (int i = 1; i < ts.size(); i++) {
            assertThat(ts.get(i)).isGreaterThan(ts.get(i - 1));
        }
        // Paged from the newest as conversations.history pages: each page continues just below the last one.
        List<String> read = new ArrayList<>();
        long high = Long.MAX_VALUE;
        MessageRepository.Slice page;
        do {
            page = messages.history("T1", "C1", 0, high, 200, Long.MAX_VALUE);
            page.messages().forEach(m -> read.add(m.text()));
            high = page.messages().getLast().ts() - 1;
        } while (page.more());
        List<String> expected = new ArrayList<>();
        expected.add("after");
        IntStream.iterate(2999, i -> i >= 0, i -> i - 1).forEach(i -> expected.add("bulk " + i));
        expected.add("before");
        assertThat(read).containsExactlyElementsOf(expected);
        Message one = messages.find("T1", "C1", ts.get(1234)).orElseThrow();
        assertThat(one.text()).isEqualTo("bulk 1234");
        assertThat(one.userId()).isEqualTo("U2");
    }

    @Test
    void mentionsInImportedTextAreStoredAsAPostStoresThem() {
        long[] ts = history.append("T1", "C1", List.of(new HistoryImport.Entry("U2", "hi <@U3> <!here>")));
        assertThat(messages.mentions("T1", "C1", ts[0])).containsExactlyInAnyOrder("user:U3", "here");
        assertThat(messages.mentionsAfter("T1", "C1", 0, "U3")).isEqualTo(1);
    }
}
