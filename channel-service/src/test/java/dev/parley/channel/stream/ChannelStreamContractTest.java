package dev.parley.channel.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.channel.ChannelFixture;
import dev.parley.channel.client.ChannelClient;
import dev.parley.channel.conversation.Channel;
import dev.parley.channel.conversation.ChannelService;
import dev.parley.common.auth.Caller;
import dev.parley.common.event.ChannelEvent;
import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.common.event.outbox.OutboxProperties;
import dev.parley.common.event.outbox.OutboxPurge;
import dev.parley.common.id.Ids;
import dev.parley.common.pubsub.inprocess.InProcessTtlKeys;
import dev.parley.common.testing.TestStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading a channel's stream back from the outbox after the purge has removed old events, and in pages bounded by
 * size, on every relational store adapter.
 */
abstract class ChannelStreamContractTest {

    protected abstract TestStore createStore();

    private static final String WS = "T1";

    private ChannelFixture fixture;
    private ChannelStreamService stream;
    private ChannelEventOutbox outbox;
    private final String ann = Ids.user();
    private final String mallory = Ids.user();
    private Channel channel;

    @BeforeEach
    void open() {
        fixture = new ChannelFixture(createStore());
        stream = fixture.bean(ChannelStreamService.class);
        outbox = fixture.bean(ChannelEventOutbox.class);
        channel = fixture.bean(ChannelService.class).create(new Caller(WS, ann, "member"),
                "stream-" + ann.toLowerCase(Locale.ROOT), true);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private long write(String payload) {
        return fixture.store().tx().execute(s -> {
            ChannelEventOutbox.Slot slot = outbox.next(WS, channel.id());
            outbox.append(slot, "message", payload);
            return slot.seq();
        });
    }

    private ChannelClient.EventsPage events(String user, long afterSeq) {
        return stream.events(new ChannelClient.EventsQuery(WS, channel.id(), user, afterSeq, 0));
    }

    private void publishEverything() {
        fixture.store().jdbc().sql("UPDATE channel_event SET published = TRUE WHERE workspace_id = ?").param(WS).update();
    }

    @Test
    void aCursorOlderThanWhatThePurgeLeftMustResync() throws Exception {
        for (int i = 0; i < 3; i++) {
            write("{\"n\":" + i + "}");
        }
        long head = write("{\"n\":\"last\"}");
        assertThat(events(ann, 0).error()).as("all kept so far").isNull();
        publishEverything();
        Thread.sleep(10);

        OutboxPurge purge = new OutboxPurge(fixture.store().jdbcTemplate(), new InProcessTtlKeys(),
                new OutboxProperties(Duration.ofMillis(5), Duration.ofMinutes(1)));
        assertThat(purge.purgeExpired()).isEqualTo(head);

        assertThat(events(ann, 0).error()).isEqualTo("resync_required");
        assertThat(events(ann, head - 1).error()).isEqualTo("resync_required");
        assertThat(events(mallory, 0).error()).as("no hint to a non-member").isEqualTo("channel_not_found");
        ChannelClient.EventsPage current = events(ann, head);
        assertThat(current.error()).isNull();
        assertThat(current.events()).isEmpty();

        long next = write("{\"n\":\"after the purge\"}");
        assertThat(events(ann, head).events()).extracting(ChannelEvent::seq).containsExactly(next);
        assertThat(stream.heads(WS, List.of(channel.id()))).containsExactly(new ChannelClient.Head(channel.id(), next));
    }

    @Test
    void unpublishedEventsOutliveTheRetention() throws Exception {
        long head = write("{\"n\":\"not yet relayed\"}");
        Thread.sleep(10);
        new OutboxPurge(fixture.store().jdbcTemplate(), new InProcessTtlKeys(),
                new OutboxProperties(Duration.ofMillis(5), Duration.ofMinutes(1))).purgeExpired();

        assertThat(events(ann, head - 1).events()).extracting(ChannelEvent::seq).containsExactly(head);
    }

    @Test
    void aPageOfBigEventsStopsEarlyAndSaysThereIsMore() {
        long start = outbox.heads(WS, List.of(channel.id())).get(channel.id());
        String big = "{\"text\":\"" + "x".repeat(ChannelEventOutbox.PAGE_CHARS / 2) + "\"}";
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            written.add(write(big));
        }
        List<Long> read = new ArrayList<>();
        long after = start;
        int pages = 0;
        while (true) {
            ChannelClient.EventsPage page = events(ann, after);
            assertThat(page.error()).isNull();
            page.events().forEach(e -> read.add(e.seq()));
            pages++;
            after = page.scannedTo();
            if (!page.more()) {
                break;
            }
        }
        assertThat(read).containsExactlyElementsOf(written);
        assertThat(pages).isGreaterThan(1);
    }
}
