package dev.parley.search.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.IndexSettings;
import dev.parley.search.FileHits;
import dev.parley.search.IndexedFile;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchHits;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The search index on an Elasticsearch 8 cluster: one index per workspace and generation,
 * {@code <prefix><workspace id lowercased>-<generation>}, read and written through the alias
 * {@code <prefix><workspace id lowercased>}; a rebuild fills the next generation and swaps the alias over to it.
 *
 * <p>Writes are durable when Elasticsearch acknowledges them (its translog is fsynced per request);
 * {@link #commit} refreshes the indices written since the last commit so that searches see the writes.
 */
public final class ElasticsearchSearchIndex implements SearchIndex {

    static final String WORKSPACE_ID = "workspace_id";
    static final String CHANNEL_ID = "channel_id";
    static final String TS = "ts";
    static final String TS_MICROS = "ts_micros";
    static final String THREAD_TS = "thread_ts";
    static final String USER_ID = "user_id";
    static final String BOT_ID = "bot_id";
    static final String SUBTYPE = "subtype";
    static final String TEXT = "text";
    static final String SEARCH_TEXT = "search_text";
    static final String MENTIONS = "mentions";
    static final String REACTIONS = "reactions";
    static final String FILE_IDS = "file_ids";
    static final String HAS_LINK = "has_link";
    static final String HAS_FILE = "has_file";
    static final String HAS_REACTION = "has_reaction";
    static final String PINNED = "pinned";
    static final String IN_THREAD = "in_thread";
    /** {@value #KIND_FILE} on file documents; message documents have no kind, as before files were indexed. */
    static final String KIND = "kind";
    static final String KIND_FILE = "file";
    static final String FILE_ID = "file_id";
    static final String NAME = "name";
    static final String TITLE = "title";
    static final String FILETYPE = "filetype";
    static final String FILE_TEXT = "file_text";

    /** An exact match of a word counts this much more than one a typo away. */
    private static final float EXACT_BOOST = 2f;
    /** Words next to each other in the query's order, on top of the words matching one by one. */
    private static final float PHRASE_BOOST = 2f;

    /** Documents as the client reads them: field name to JSON value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Class<Map<String, Object>> DOCUMENT = (Class) Map.class;

    /** Elasticsearch's default {@code index.max_result_window}: from + size of a search may not exceed it. */
    static final int MAX_RESULT_WINDOW = 10_000;

    /** How many documents of a deleted channel one round of searching and deleting removes. */
    private static final int DELETE_PAGE = 1000;

    private final ElasticsearchClient client;
    private final String indexPrefix;
    private final String analyzer;
    /** Aliases known to exist, so that writes do not ask the cluster each time. */
    private final Set<String> liveAliases = ConcurrentHashMap.newKeySet();
    /** The open rebuild of each workspace, whose new generation receives every write too. */
    private final Map<String, OpenRebuild> rebuilds = new ConcurrentHashMap<>();
    /** Indices written since the last commit: what {@link #commit} refreshes. */
    private final Set<String> unrefreshed = ConcurrentHashMap.newKeySet();
    private final AutoCloseable closeTransport;

    /**
     * @param client         the client, closed with this index through {@code closeTransport}
     * @param indexPrefix    the start of every index and alias name, e.g. {@code parley-}
     * @param analyzer       the analyzer of message text, e.g. {@code standard} or {@code english}
     * @param closeTransport what {@link #close} closes: the client's transport
     */
    public ElasticsearchSearchIndex(ElasticsearchClient client, String indexPrefix, String analyzer,
            AutoCloseable closeTransport) {
        this.client = Objects.requireNonNull(client, "client");
        this.indexPrefix = Objects.requireNonNull(indexPrefix, "indexPrefix").toLowerCase(Locale.ROOT);
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.closeTransport = Objects.requireNonNull(closeTransport, "closeTransport");
    }

    /** The alias that searches read and writes go through. */
    String alias(String workspaceId) {
        return indexPrefix + workspaceId.toLowerCase(Locale.ROOT);
    }

    String indexName(String workspaceId, long generation) {
        return alias(workspaceId) + "-" + generation;
    }

    @Override
    public void upsert(List<IndexedMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Map<String, List<IndexedMessage>> byWorkspace = messages.stream()
                .collect(Collectors.groupingBy(IndexedMessage::workspaceId, LinkedHashMap::new, Collectors.toList()));
        List<BulkOperation> operations = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (var entry : byWorkspace.entrySet()) {
            String alias = ensureLive(entry.getKey());
            OpenRebuild rebuild = rebuilds.get(entry.getKey());
            for (IndexedMessage message : entry.getValue()) {
                operations.add(indexOperation(alias, message, true));
                if (rebuild != null) {
                    operations.add(indexOperation(rebuild.index, message, false));
                }
            }
            written.add(alias);
            if (rebuild != null) {
                written.add(rebuild.index);
            }
        }
        bulk(operations);
        // Recorded once written: a commit running meanwhile must not take them off the list before the write lands.
        unrefreshed.addAll(written);
    }

    @Override
    public void delete(Collection<IndexedMessage.Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = new ArrayList<>();
        Map<String, List<String>> targetsByWorkspace = new HashMap<>();
        for (IndexedMessage.Key key : keys) {
            for (String target : targetsByWorkspace.computeIfAbsent(key.workspaceId(), this::targets)) {
                operations.add(BulkOperation.of(b -> b.delete(d -> d.index(target).id(key.id()))));
            }
        }
        bulk(operations);
        targetsByWorkspace.values().forEach(unrefreshed::addAll);
    }

    /**
     * Searches the channel's documents and deletes them by id, a page at a time, rather than with delete-by-query:
     * that lives in Elasticsearch's {@code reindex} module, which not every distribution has (the test server lacks it).
     */
    @Override
    public void deleteChannel(String workspaceId, String channelId) {
        List<String> targets = targets(workspaceId);
        if (targets.isEmpty()) {
            return;
        }
        Query channel = Query.of(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field(WORKSPACE_ID).value(workspaceId)))
                .filter(f -> f.term(t -> t.field(CHANNEL_ID).value(channelId)))
                // Its messages only: a file shared there may be shared elsewhere too.
                .mustNot(n -> n.term(t -> t.field(KIND).value(KIND_FILE)))));
        try {
            while (true) {
                // Only what a refresh made searchable is found; writes not yet committed must go too.
                client.indices().refresh(r -> r.index(targets).ignoreUnavailable(true).allowNoIndices(true));
                SearchResponse<Void> page = client.search(s -> s.index(targets).query(channel)
                        .size(DELETE_PAGE).source(src -> src.fetch(false))
                        .ignoreUnavailable(true).allowNoIndices(true), Void.class);
                List<Hit<Void>> hits = page.hits().hits();
                if (hits.isEmpty()) {
                    break;
                }
                bulk(hits.stream().map(h -> BulkOperation.of(b -> b.delete(d -> d.index(h.index()).id(h.id()))))
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer deleting channel " + channelId, e);
        }
        unrefreshed.addAll(targets);
    }

    @Override
    public void upsertFiles(List<IndexedFile> files) {
        if (files.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (IndexedFile file : files) {
            String alias = ensureLive(file.workspaceId());
            OpenRebuild rebuild = rebuilds.get(file.workspaceId());
            operations.add(fileOperation(alias, file, true));
            written.add(alias);
            if (rebuild != null) {
                operations.add(fileOperation(rebuild.index, file, false));
                written.add(rebuild.index);
            }
        }
        bulk(operations);
        unrefreshed.addAll(written);
    }

    @Override
    public void deleteFiles(Collection<IndexedFile.Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = new ArrayList<>();
        Map<String, List<String>> targetsByWorkspace = new HashMap<>();
        for (IndexedFile.Key key : keys) {
            for (String target : targetsByWorkspace.computeIfAbsent(key.workspaceId(), this::targets)) {
                operations.add(BulkOperation.of(b -> b.delete(d -> d.index(target).id(key.id()))));
            }
        }
        bulk(operations);
        targetsByWorkspace.values().forEach(unrefreshed::addAll);
    }

    @Override
    public void commit() {
        List<String> indices = List.copyOf(unrefreshed);
        if (indices.isEmpty()) {
            return;
        }
        unrefreshed.removeAll(indices);
        try {
            client.indices().refresh(r -> r.index(indices).ignoreUnavailable(true).allowNoIndices(true));
        } catch (IOException | RuntimeException e) {
            // Not refreshed: the next commit tries them again.
            unrefreshed.addAll(indices);
            throw e instanceof IOException io ? new UncheckedIOException("Elasticsearch did not answer a refresh", io)
                    : (RuntimeException) e;
        }
    }

    @Override
    public SearchHits search(SearchQuery query) {
        if (query.searchedChannels().isEmpty()) {
            return SearchHits.NONE;
        }
        SearchResponse<Map<String, Object>> response = run(query, false);
        if (response == null) {
            return SearchHits.NONE;
        }
        boolean byScore = query.sort() == SearchQuery.Sort.SCORE;
        List<SearchHits.Hit> hits = new ArrayList<>();
        for (Hit<Map<String, Object>> hit : response.hits().hits()) {
            IndexedMessage message = fromDocument(hit.source());
            String highlighted = null;
            if (query.highlight()) {
                List<String> fragments = hit.highlight().get(TEXT);
                highlighted = fragments == null || fragments.isEmpty() ? message.text() : fragments.getFirst();
            }
            double score = byScore && hit.score() != null ? hit.score() : 0;
            hits.add(new SearchHits.Hit(message, score, highlighted));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new SearchHits(total, hits);
    }

    @Override
    public FileHits searchFiles(SearchQuery query) {
        if (query.searchedChannels().isEmpty()) {
            return FileHits.NONE;
        }
        SearchResponse<Map<String, Object>> response = run(query, true);
        if (response == null) {
            return FileHits.NONE;
        }
        boolean byScore = query.sort() == SearchQuery.Sort.SCORE;
        List<FileHits.Hit> hits = new ArrayList<>();
        for (Hit<Map<String, Object>> hit : response.hits().hits()) {
            IndexedFile file = fileFromDocument(hit.source());
            String highlighted = null;
            if (query.highlight()) {
                List<String> fragments = hit.highlight().get(TITLE);
                highlighted = fragments == null || fragments.isEmpty() ? file.title() : fragments.getFirst();
            }
            double score = byScore && hit.score() != null ? hit.score() : 0;
            hits.add(new FileHits.Hit(file, score, highlighted));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new FileHits(total, hits);
    }

    /** Runs a search over messages or files; null when the workspace has no index. */
    private SearchResponse<Map<String, Object>> run(SearchQuery query, boolean files) {
        Query esQuery = ElasticsearchQueries.toQuery(query, files, EXACT_BOOST, PHRASE_BOOST);
        String shown = files ? TITLE : TEXT;
        String tieBreak = files ? FILE_ID : CHANNEL_ID;
        boolean byScore = query.sort() == SearchQuery.Sort.SCORE;
        SortOrder direction = query.ascending() ? SortOrder.Asc : SortOrder.Desc;
        // Elasticsearch refuses pages past its result window (index.max_result_window); like a page past the last
        // match, such a page is empty, and the total is still counted.
        boolean pastWindow = (long) query.offset() >= MAX_RESULT_WINDOW;
        int from = pastWindow ? 0 : query.offset();
        int size = pastWindow ? 0 : (int) Math.min(query.limit(), MAX_RESULT_WINDOW - (long) query.offset());
        Query highlightQuery = query.highlight() ? ElasticsearchQueries.highlightQuery(query, shown) : null;
        SearchResponse<Map<String, Object>> response = null;
        for (int attempt = 1; response == null; attempt++) {
            try {
                response = client.search(s -> {
                    s.index(alias(query.workspaceId()))
                            .query(esQuery)
                            .from(from)
                            .size(size)
                            .trackTotalHits(t -> t.enabled(true))
                            .ignoreUnavailable(true)
                            .allowNoIndices(true);
                    if (byScore) {
                        s.trackScores(true)
                                .sort(o -> o.score(c -> c.order(direction)))
                                // Equal scores: the newest first, as Slack does.
                                .sort(o -> o.field(f -> f.field(TS_MICROS).order(SortOrder.Desc)));
                    } else {
                        s.sort(o -> o.field(f -> f.field(TS_MICROS).order(direction)));
                    }
                    s.sort(o -> o.field(f -> f.field(tieBreak).order(direction)));
                    if (highlightQuery != null) {
                        s.highlight(h -> h
                                .preTags(SearchQuery.HIGHLIGHT_START)
                                .postTags(SearchQuery.HIGHLIGHT_END)
                                // The search runs on search_text; a hit shows text, marked by the same terms run on it.
                                .fields(shown, f -> f.numberOfFragments(0).highlightQuery(highlightQuery)));
                    }
                    return s;
                }, DOCUMENT);
            } catch (ElasticsearchException e) {
                if ("index_not_found_exception".equals(e.error().type())) {
                    return null;
                }
                if (attempt < SEARCH_ATTEMPTS && shardStarting(e)) {
                    awaitShards(alias(query.workspaceId()), attempt);
                    continue;
                }
                throw e;
            } catch (IOException e) {
                if (attempt < SEARCH_ATTEMPTS && shardStarting(e)) {
                    awaitShards(alias(query.workspaceId()), attempt);
                    continue;
                }
                throw new UncheckedIOException("Elasticsearch did not answer a search", e);
            }
        }
        return response;
    }

    @Override
    public Rebuild rebuild(String workspaceId) {
        OpenRebuild previous = rebuilds.get(workspaceId);
        if (previous != null) {
            previous.abandon();
        }
        String alias = ensureLive(workspaceId);
        long generation = liveGeneration(alias) + 1;
        String index = indexName(workspaceId, generation);
        // A generation left over by a rebuild that never ended (its process died) is dropped: this rebuild replaces it.
        deleteIndex(index);
        createIndex(index, null);
        OpenRebuild rebuild = new OpenRebuild(workspaceId, alias, index);
        rebuilds.put(workspaceId, rebuild);
        return rebuild;
    }

    @Override
    public void close() {
        try {
            closeTransport.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot close the Elasticsearch client", e);
        }
    }

    /** A rebuild in progress: its new generation, filled by {@link #add} and by every write until it ends. */
    private final class OpenRebuild implements Rebuild {

        private final String workspaceId;
        private final String alias;
        private final String index;
        private final AtomicBoolean ended = new AtomicBoolean();

        OpenRebuild(String workspaceId, String alias, String index) {
            this.workspaceId = workspaceId;
            this.alias = alias;
            this.index = index;
        }

        @Override
        public void add(List<IndexedMessage> messages) {
            if (ended.get()) {
                throw new IllegalStateException("The rebuild of " + index + " has ended");
            }
            if (messages.isEmpty()) {
                return;
            }
            for (IndexedMessage message : messages) {
                if (!message.workspaceId().equals(workspaceId)) {
                    throw new IllegalArgumentException("Message of workspace " + message.workspaceId()
                            + " added to the rebuild of workspace " + workspaceId);
                }
            }
            bulk(messages.stream().map(m -> indexOperation(index, m, false)).toList());
            unrefreshed.add(index);
        }

        @Override
        public void addFiles(List<IndexedFile> files) {
            if (ended.get()) {
                throw new IllegalStateException("The rebuild of " + index + " has ended");
            }
            if (files.isEmpty()) {
                return;
            }
            for (IndexedFile file : files) {
                if (!file.workspaceId().equals(workspaceId)) {
                    throw new IllegalArgumentException("File of workspace " + file.workspaceId()
                            + " added to the rebuild of workspace " + workspaceId);
                }
            }
            bulk(files.stream().map(f -> fileOperation(index, f, false)).toList());
            unrefreshed.add(index);
        }

        @Override
        public void complete() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            try {
                client.indices().refresh(r -> r.index(index));
                List<String> old = concreteIndices(alias);
                // One request: the alias moves and the old generations go at once, so no search sees neither or both.
                client.indices().updateAliases(u -> {
                    u.actions(a -> a.add(add -> add.index(index).alias(alias)));
                    for (String o : old) {
                        u.actions(a -> a.removeIndex(r -> r.index(o)));
                    }
                    return u;
                });
            } catch (IOException e) {
                ended.set(false);
                throw new UncheckedIOException("Elasticsearch did not answer completing the rebuild of " + index, e);
            }
            rebuilds.remove(workspaceId, this);
            liveAliases.add(alias);
        }

        @Override
        public void abandon() {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            rebuilds.remove(workspaceId, this);
            deleteIndex(index);
            unrefreshed.remove(index);
        }
    }

    /**
     * Where deletes of a workspace go: its alias, and the new generation of an open rebuild. A workspace without an
     * index has nothing to delete, and gets no index for it.
     */
    private List<String> targets(String workspaceId) {
        List<String> targets = new ArrayList<>(2);
        String alias = alias(workspaceId);
        if (liveAliases.contains(alias) || aliasExists(alias)) {
            liveAliases.add(alias);
            targets.add(alias);
        }
        OpenRebuild rebuild = rebuilds.get(workspaceId);
        if (rebuild != null) {
            targets.add(rebuild.index);
        }
        return targets;
    }

    /**
     * Whether a search failed only because the index's shard is still starting: an index another process (the
     * indexer) has just created is visible through its alias a moment before its shard can answer.
     */
    private static final int SEARCH_ATTEMPTS = 8;

    private static boolean shardStarting(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("no_shard_available_action_exception");
    }

    /**
     * Waits, a few seconds at most, until the index behind the alias can answer searches: its health says so, and a
     * moment more for the node to apply it (a search right after the health turned can still find no shard).
     */
    private void awaitShards(String alias, int attempt) {
        try {
            client.cluster().health(h -> h.index(alias).waitForStatus(HealthStatus.Yellow)
                    .timeout(t -> t.time("10s")));
            Thread.sleep(50L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The retry that follows tells the caller what is wrong.
        }
    }

    private boolean aliasExists(String alias) {
        try {
            return client.indices().existsAlias(e -> e.name(alias)).value();
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer about alias " + alias, e);
        }
    }

    /** Creates the workspace's first generation behind its alias, unless the alias exists; returns the alias. */
    private String ensureLive(String workspaceId) {
        String alias = alias(workspaceId);
        if (liveAliases.contains(alias)) {
            return alias;
        }
        if (!aliasExists(alias)) {
            createIndex(indexName(workspaceId, 1), alias);
        } else {
            // An index made before files were indexed lacks their fields (the mapping is strict): adding is allowed.
            putMappings(alias);
        }
        liveAliases.add(alias);
        return alias;
    }

    private long liveGeneration(String alias) {
        return concreteIndices(alias).stream()
                .map(index -> index.substring(index.lastIndexOf('-') + 1))
                .filter(suffix -> suffix.chars().allMatch(Character::isDigit) && !suffix.isEmpty())
                .mapToLong(Long::parseLong)
                .max()
                .orElse(0);
    }

    private List<String> concreteIndices(String alias) {
        try {
            return List.copyOf(client.indices().getAlias(g -> g.name(alias).ignoreUnavailable(true)
                    .allowNoIndices(true)).result().keySet());
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer about alias " + alias, e);
        }
    }

    private void createIndex(String index, String alias) {
        try {
            client.indices().create(c -> {
                c.index(index).settings(settings()).mappings(mappings());
                if (alias != null) {
                    c.aliases(alias, a -> a.isWriteIndex(true));
                }
                return c;
            });
        } catch (ElasticsearchException e) {
            if ("resource_already_exists_exception".equals(e.error().type())) {
                // Another process created it first; it has the same settings and mappings.
                return;
            }
            throw new IllegalStateException("Elasticsearch refused to create index " + index + " (analyzer "
                    + analyzer + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer creating index " + index, e);
        }
    }

    private void putMappings(String alias) {
        try {
            client.indices().putMapping(m -> m.index(alias).properties(mappings().properties()));
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer updating the mappings of " + alias, e);
        }
    }

    private void deleteIndex(String index) {
        try {
            client.indices().delete(d -> d.index(index).ignoreUnavailable(true).allowNoIndices(true));
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer deleting index " + index, e);
        }
    }

    private static IndexSettings settings() {
        return IndexSettings.of(s -> s
                .numberOfShards("1")
                // No replica on a single node (a green index), one where the cluster has a second node.
                .autoExpandReplicas("0-1"));
    }

    private TypeMapping mappings() {
        Map<String, Property> properties = new LinkedHashMap<>();
        for (String keyword : List.of(WORKSPACE_ID, CHANNEL_ID, TS, THREAD_TS, USER_ID, BOT_ID, SUBTYPE, MENTIONS,
                REACTIONS, FILE_IDS)) {
            properties.put(keyword, Property.of(p -> p.keyword(k -> k)));
        }
        properties.put(TS_MICROS, Property.of(p -> p.long_(l -> l)));
        properties.put(SEARCH_TEXT, Property.of(p -> p.text(t -> t.analyzer(analyzer))));
        // Analyzed the same way so that the highlighter finds the matched words in the text a hit shows.
        properties.put(TEXT, Property.of(p -> p.text(t -> t.analyzer(analyzer))));
        for (String flag : List.of(HAS_LINK, HAS_FILE, HAS_REACTION, PINNED, IN_THREAD)) {
            properties.put(flag, Property.of(p -> p.boolean_(b -> b)));
        }
        for (String keyword : List.of(KIND, FILE_ID, FILETYPE, NAME)) {
            properties.put(keyword, Property.of(p -> p.keyword(k -> k)));
        }
        // What a file match shows and highlights; name and content are searched through search_text.
        properties.put(TITLE, Property.of(p -> p.text(t -> t.analyzer(analyzer))));
        properties.put(FILE_TEXT, Property.of(p -> p.text(t -> t.index(false))));
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict)
                .properties(properties));
    }

    private BulkOperation indexOperation(String target, IndexedMessage message, boolean throughAlias) {
        Map<String, Object> document = toDocument(message);
        // Through the alias only: should it be gone, the write fails instead of creating an index named like the alias.
        return BulkOperation.of(b -> b.index(i -> i.index(target).id(message.key().id()).document(document)
                .requireAlias(throughAlias ? Boolean.TRUE : null)));
    }

    private BulkOperation fileOperation(String target, IndexedFile file, boolean throughAlias) {
        Map<String, Object> document = toDocument(file);
        return BulkOperation.of(b -> b.index(i -> i.index(target).id(file.key().id()).document(document)
                .requireAlias(throughAlias ? Boolean.TRUE : null)));
    }

    private void bulk(List<BulkOperation> operations) {
        if (operations.isEmpty()) {
            return;
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(operations));
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer a bulk write", e);
        }
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                continue;
            }
            boolean goneIndex = "index_not_found_exception".equals(item.error().type());
            if (goneIndex) {
                // The alias (or index) was removed behind our back: the next write creates it again.
                liveAliases.remove(item.index());
            }
            if (item.operationType() == OperationType.Delete && goneIndex) {
                continue;
            }
            throw new IllegalStateException("Elasticsearch refused to " + item.operationType().jsonValue() + " "
                    + item.id() + " in " + item.index() + ": " + item.error().type() + ": " + item.error().reason());
        }
    }

    static Map<String, Object> toDocument(IndexedMessage m) {
        Map<String, Object> doc = new HashMap<>();
        doc.put(WORKSPACE_ID, m.workspaceId());
        doc.put(CHANNEL_ID, m.channelId());
        doc.put(TS, m.ts());
        doc.put(TS_MICROS, m.tsMicros());
        doc.put(THREAD_TS, m.threadTs());
        doc.put(USER_ID, m.userId());
        doc.put(BOT_ID, m.botId());
        doc.put(SUBTYPE, m.subtype());
        doc.put(TEXT, m.text());
        doc.put(SEARCH_TEXT, m.searchText());
        doc.put(MENTIONS, m.mentions());
        doc.put(REACTIONS, m.reactions());
        doc.put(FILE_IDS, m.fileIds());
        doc.put(HAS_LINK, m.hasLink());
        doc.put(HAS_FILE, !m.fileIds().isEmpty());
        doc.put(HAS_REACTION, !m.reactions().isEmpty());
        doc.put(PINNED, m.pinned());
        doc.put(IN_THREAD, m.inThread());
        return doc;
    }

    @SuppressWarnings("unchecked")
    static IndexedMessage fromDocument(Map<String, Object> doc) {
        return new IndexedMessage((String) doc.get(WORKSPACE_ID), (String) doc.get(CHANNEL_ID), (String) doc.get(TS),
                ((Number) doc.get(TS_MICROS)).longValue(), (String) doc.get(THREAD_TS), (String) doc.get(USER_ID),
                (String) doc.get(BOT_ID), (String) doc.get(SUBTYPE), (String) doc.get(TEXT),
                (String) doc.get(SEARCH_TEXT), (List<String>) doc.get(MENTIONS), (List<String>) doc.get(REACTIONS),
                Boolean.TRUE.equals(doc.get(HAS_LINK)), (List<String>) doc.get(FILE_IDS),
                Boolean.TRUE.equals(doc.get(PINNED)));
    }

    static Map<String, Object> toDocument(IndexedFile f) {
        Map<String, Object> doc = new HashMap<>();
        doc.put(KIND, KIND_FILE);
        doc.put(WORKSPACE_ID, f.workspaceId());
        doc.put(FILE_ID, f.fileId());
        doc.put(CHANNEL_ID, f.channels());
        doc.put(TS_MICROS, f.createdMicros());
        doc.put(USER_ID, f.userId());
        doc.put(NAME, f.name());
        doc.put(TITLE, f.title());
        doc.put(FILETYPE, f.filetype());
        doc.put(FILE_TEXT, f.text());
        doc.put(SEARCH_TEXT, f.searchText());
        return doc;
    }

    @SuppressWarnings("unchecked")
    static IndexedFile fileFromDocument(Map<String, Object> doc) {
        Object channels = doc.get(CHANNEL_ID);
        return new IndexedFile((String) doc.get(WORKSPACE_ID), (String) doc.get(FILE_ID),
                ((Number) doc.get(TS_MICROS)).longValue(), (String) doc.get(USER_ID), (String) doc.get(NAME),
                (String) doc.get(TITLE), (String) doc.get(FILETYPE), (String) doc.get(FILE_TEXT),
                channels instanceof List<?> list ? (List<String>) list : channels == null ? List.of()
                        : List.of((String) channels));
    }
}
