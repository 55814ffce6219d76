package dev.parley.search;

import java.util.Collection;
import java.util.List;

/**
 * The search index port: documents of messages and of files, per workspace, and queries over them with the access
 * check already applied (a {@link SearchQuery} names the channels the caller may read). Adapters: {@code lucene} (embedded, on local
 * disk, the standalone default) and {@code elasticsearch}; {@code SearchIndexContractTest} holds both to one behaviour.
 *
 * <p>Writes are idempotent: {@link #upsert} replaces a document with the same key, {@link #delete} of a missing one
 * does nothing. They become durable and visible to {@link #search} once {@link #commit} returns.
 */
public interface SearchIndex extends AutoCloseable {

    /** Adds the messages, replacing any indexed under the same key (workspace, channel, ts). */
    void upsert(List<IndexedMessage> messages);

    /** Removes the messages with these keys; keys that are not indexed are ignored. */
    void delete(Collection<IndexedMessage.Key> keys);

    /** Removes every message of a channel (the channel was deleted). */
    void deleteChannel(String workspaceId, String channelId);

    /** Adds the files, replacing any indexed under the same key (workspace, file id): their channels included. */
    void upsertFiles(List<IndexedFile> files);

    /** Removes the files with these keys; keys that are not indexed are ignored. */
    void deleteFiles(Collection<IndexedFile.Key> keys);

    /** Makes every write before it durable and searchable. */
    void commit();

    /** The messages that match, best first (or by time), one page of them, and how many match in all. */
    SearchHits search(SearchQuery query);

    /**
     * The files that match: their title, name or text hold the terms, one of their channels is readable (and in
     * {@code inChannels}, when given), {@code fromUsers} uploaded them, {@code before}/{@code after} bound their
     * upload. Conditions only messages have ({@code has}, {@code reactions}, {@code mentions}) match no file.
     */
    FileHits searchFiles(SearchQuery query);

    /**
     * Starts building a new, empty generation of a workspace's index beside the live one, for a rebuild without
     * downtime: from now until the rebuild ends, {@link #upsert} and {@link #delete} write to both generations, while
     * {@link #search} still reads the live one. {@link Rebuild#add} fills the new one; {@link Rebuild#complete} makes it
     * the live generation and drops the old one; {@link Rebuild#abandon} drops the new one. Starting a rebuild of a
     * workspace abandons any rebuild of it still open.
     */
    Rebuild rebuild(String workspaceId);

    /** A workspace's index being rebuilt; see {@link SearchIndex#rebuild}. */
    interface Rebuild extends AutoCloseable {

        /**
         * Adds messages to the new generation only, replacing any with the same key.
         *
         * @throws IllegalStateException when the rebuild completed or was abandoned (by a newer one too)
         */
        void add(List<IndexedMessage> messages);

        /**
         * Adds files to the new generation only, replacing any with the same key.
         *
         * @throws IllegalStateException when the rebuild completed or was abandoned (by a newer one too)
         */
        void addFiles(List<IndexedFile> files);

        /**
         * Makes the new generation durable and live, and drops the old one. Does nothing when already complete.
         *
         * @throws IllegalStateException when the rebuild was abandoned (by a newer one too)
         */
        void complete();

        /**
         * Drops the new generation; the live one stays as it is. Does nothing after {@link #complete}, or when already
         * abandoned (as by a newer rebuild, whose generation it leaves alone).
         */
        void abandon();

        /** Abandons the rebuild unless it completed. */
        @Override
        default void close() {
            abandon();
        }
    }

    @Override
    void close();
}
