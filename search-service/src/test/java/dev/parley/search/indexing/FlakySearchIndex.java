package dev.parley.search.indexing;

import dev.parley.search.FileHits;
import dev.parley.search.IndexedFile;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchHits;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchQuery;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A real index that can be made to fail its next commits, like an Elasticsearch that is down for a while. */
final class FlakySearchIndex implements SearchIndex {

    private final SearchIndex index;
    /** Commits that fail before one succeeds. */
    final AtomicInteger failCommits = new AtomicInteger();
    final AtomicInteger failedCommits = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();

    FlakySearchIndex(SearchIndex index) {
        this.index = index;
    }

    @Override
    public void upsert(List<IndexedMessage> messages) {
        index.upsert(messages);
    }

    @Override
    public void delete(Collection<IndexedMessage.Key> keys) {
        index.delete(keys);
    }

    @Override
    public void deleteChannel(String workspaceId, String channelId) {
        index.deleteChannel(workspaceId, channelId);
    }

    @Override
    public void upsertFiles(List<IndexedFile> files) {
        index.upsertFiles(files);
    }

    @Override
    public void deleteFiles(Collection<IndexedFile.Key> keys) {
        index.deleteFiles(keys);
    }

    @Override
    public FileHits searchFiles(SearchQuery query) {
        return index.searchFiles(query);
    }

    @Override
    public void commit() {
        if (failCommits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failedCommits.incrementAndGet();
            throw new IllegalStateException("the index is unavailable");
        }
        index.commit();
        commits.incrementAndGet();
    }

    @Override
    public SearchHits search(SearchQuery query) {
        return index.search(query);
    }

    @Override
    public Rebuild rebuild(String workspaceId) {
        return index.rebuild(workspaceId);
    }

    @Override
    public void close() {
        index.close();
    }
}
