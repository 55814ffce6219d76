package dev.parley.messaging.message;

import dev.parley.common.event.outbox.ChannelEventOutbox;
import dev.parley.messaging.mention.Mentions;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends messages to a channel's history in bulk, working on the store directly (the benchmark seeds a channel of a
 * million messages with it, the server stopped or, on MariaDB, running). Rows are written by {@link MessageRepository}
 * as a post writes them, and their ts are reserved from the channel's sequence row in the same transaction, so they
 * are unique and increasing, and a post made afterwards comes after them. No channel events are written: nobody
 * could receive a million of them, and the channel's event sequence stays gapless; so neither sockets nor the
 * search index hear of imported messages.
 */
public final class HistoryImport {

    /** One message to append: its author and text (mentions in the text are stored as a post stores them). */
    public record Entry(String userId, String text) {
    }

    private final ChannelEventOutbox outbox;
    private final MessageRepository messages;
    private final TransactionTemplate tx;

    public HistoryImport(DataSource dataSource) {
        this.outbox = new ChannelEventOutbox(dataSource);
        this.messages = new MessageRepository(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Appends the entries, in order, as top-level messages after everything in the channel, in one transaction that
     * holds the channel's lock; returns their ts (consecutive microseconds). Callers split a large load into batches
     * of a few thousand, each committed on its own, so a load cut short leaves a consistent channel.
     */
    public long[] append(String workspaceId, String channelId, List<Entry> entries) {
        if (entries.isEmpty()) {
            return new long[0];
        }
        return tx.execute(status -> {
            long first = outbox.reserveTs(workspaceId, channelId, entries.size());
            List<Message> batch = new ArrayList<>(entries.size());
            long[] ts = new long[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                ts[i] = first + i;
                batch.add(new Message(workspaceId, channelId, ts[i], e.userId(), null, e.text(), null, null, null, null,
                        null, false, Message.ThreadSummary.NONE, null));
            }
            messages.insertAll(batch, m -> Mentions.parse(m.text()));
            return ts;
        });
    }
}
