package dev.parley.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.auth.Caller;
import dev.parley.common.id.Ts;
import dev.parley.common.testing.TestStore;
import dev.parley.messaging.MessagingFixture;
import dev.parley.messaging.client.MessagingClient;
import dev.parley.messaging.pin.PinService;
import dev.parley.messaging.reaction.ReactionService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the search indexer reads back from the store ({@link MessagingClient#messages}, {@link MessagingClient#export}),
 * on every relational store adapter: current text, thread shape, reactions and pins, and deleted messages gone.
 */
abstract class MessageExportContractTest {

    protected abstract TestStore createStore();

    private static final String WS = "T1";
    private static final String CHANNEL = "C1";
    private final Caller ann = new Caller(WS, "UANN", "member");
    private final Caller bob = new Caller(WS, "UBOB", "member");

    private MessagingFixture fixture;
    private MessageService messages;
    private MessageExport export;

    @BeforeEach
    void open() {
        fixture = new MessagingFixture(createStore());
        fixture.channels().publicChannel(WS, CHANNEL, "UANN", "UBOB");
        fixture.channels().publicChannel(WS, "C2", "UANN");
        messages = fixture.bean(MessageService.class);
        export = fixture.bean(MessageExport.class);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private String post(Caller caller, String text, String threadTs) {
        return Ts.format(messages.post(caller, CHANNEL, new MessageService.Draft(text, null, null, threadTs, false, null)).ts());
    }

    @Test
    void currentMessagesCarryTheirEditThreadReactionsAndPin() {
        String parent = post(ann, "lunch plans", null);
        String reply = post(bob, "tacos", parent);
        String plain = post(bob, "unrelated", null);
        String deleted = post(ann, "oops", null);
        messages.update(ann, CHANNEL, parent, "lunch plans for friday", null, null);
        fixture.bean(ReactionService.class).add(bob, CHANNEL, parent, "taco");
        fixture.bean(ReactionService.class).add(ann, CHANNEL, parent, ":thumbsup:");
        fixture.bean(PinService.class).add(ann, CHANNEL, reply);
        messages.delete(ann, CHANNEL, deleted);

        List<MessagingClient.StoredMessage> found = export.current(WS, CHANNEL,
                List.of(reply, deleted, parent, "not-a-ts", plain, parent));

        assertThat(found).extracting(MessagingClient.StoredMessage::ts).as("in the order asked, once, deleted left out")
                .containsExactly(reply, parent, plain);
        MessagingClient.StoredMessage p = found.get(1);
        assertThat(p.text()).isEqualTo("lunch plans for friday");
        assertThat(p.threadTs()).as("a parent with replies").isEqualTo(parent);
        assertThat(p.replyCount()).isEqualTo(1);
        assertThat(p.reactions()).containsExactlyInAnyOrder("taco", "thumbsup");
        assertThat(p.pinned()).isFalse();
        MessagingClient.StoredMessage r = found.getFirst();
        assertThat(r.threadTs()).isEqualTo(parent);
        assertThat(r.pinned()).isTrue();
        assertThat(r.userId()).isEqualTo("UBOB");
        assertThat(found.get(2).threadTs()).isNull();
        assertThat(found.get(2).reactions()).isEmpty();
        assertThat(export.current(WS, "C2", List.of(parent))).as("another channel's ts").isEmpty();
    }

    @Test
    void anExportPagesThroughEveryMessageOfTheChannelOldestFirst() {
        List<String> posted = new ArrayList<>();
        String parent = post(ann, "m0", null);
        posted.add(parent);
        for (int i = 1; i < 7; i++) {
            posted.add(post(i % 2 == 0 ? ann : bob, "m" + i, i == 3 ? parent : null));
        }
        fixture.bean(ReactionService.class).add(bob, CHANNEL, posted.get(5), "eyes");
        messages.post(ann, "C2", new MessageService.Draft("elsewhere", null, null, null, false, null));

        List<MessagingClient.StoredMessage> read = new ArrayList<>();
        long after = -1;
        int pages = 0;
        while (true) {
            MessagingClient.StoredMessages page = export.page(WS, CHANNEL, after, 3);
            pages++;
            read.addAll(page.messages());
            if (!page.more()) {
                break;
            }
            after = Ts.parse(page.messages().getLast().ts()).orElseThrow();
        }
        assertThat(read).extracting(MessagingClient.StoredMessage::ts).containsExactlyElementsOf(posted);
        assertThat(read).extracting(MessagingClient.StoredMessage::text)
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(read.get(3).threadTs()).as("the reply, in the export like any message").isEqualTo(parent);
        assertThat(read.get(5).reactions()).containsExactly("eyes");
        assertThat(pages).isEqualTo(3);
    }
}
