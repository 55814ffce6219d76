package dev.parley.search.lucene;

import dev.parley.search.FileHits;
import dev.parley.search.IndexedFile;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchHits;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * The embedded search index: one Lucene index per workspace and generation on local disk, at
 * {@code <root>/<workspace>/<generation>}, with a file {@code <root>/<workspace>/live} naming the generation searches
 * read. Each workspace's writer and searcher open on first use and stay open until {@link #close}.
 *
 * <p>Thread-safe. Writes and searches of a workspace run concurrently under its read lock; starting, completing and
 * abandoning a rebuild take its write lock, so a search never sees a generation being swapped or closed.
 */
public final class LuceneSearchIndex implements SearchIndex {

    static final String ID = "id";
    static final String CHANNEL = "channel";
    static final String USER = "user";
    static final String MENTION = "mention";
    static final String REACTION = "reaction";
    static final String HAS = "has";
    static final String TS = "ts";
    static final String BODY = "body";
    /** Marks file documents ({@value #KIND_FILE}); message documents have no kind, as before files were indexed. */
    static final String KIND = "kind";
    static final String KIND_FILE = "file";

    private static final String S_CHANNEL = "s.channel";
    private static final String S_TS = "s.ts";
    private static final String S_MICROS = "s.micros";
    private static final String S_THREAD = "s.thread";
    private static final String S_USER = "s.user";
    private static final String S_BOT = "s.bot";
    private static final String S_SUBTYPE = "s.subtype";
    private static final String S_TEXT = "s.text";
    private static final String S_SEARCH = "s.search";
    private static final String S_MENTIONS = "s.mentions";
    private static final String S_REACTIONS = "s.reactions";
    private static final String S_LINK = "s.link";
    private static final String S_FILES = "s.files";
    private static final String S_PIN = "s.pin";
    private static final String S_FILE_ID = "s.file";
    private static final String S_NAME = "s.name";
    private static final String S_TITLE = "s.title";
    private static final String S_FILETYPE = "s.filetype";
    private static final String S_CHANNELS = "s.channels";

    private static final String LIVE_FILE = "live";

    private final Path root;
    private final Map<String, Workspace> workspaces = new ConcurrentHashMap<>();
    private final Object opening = new Object();
    private volatile boolean closed;

    public LuceneSearchIndex(Path root) {
        this.root = root.toAbsolutePath();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the search index directory " + this.root, e);
        }
    }

    @Override
    public void upsert(List<IndexedMessage> messages) {
        upsertAll(messages, IndexedMessage::workspaceId, m -> m.key().id(), LuceneSearchIndex::document);
    }

    /** Adds or replaces documents, by id, workspace by workspace. */
    private <T> void upsertAll(List<T> items, Function<T, String> workspaceOf, Function<T, String> idOf,
                               Function<T, Document> toDocument) {
        for (Map.Entry<String, List<T>> entry : byWorkspace(items, workspaceOf)) {
            Workspace workspace = workspace(entry.getKey(), true);
            List<T> batch = entry.getValue();
            List<Document> documents = batch.stream().map(toDocument).toList();
            workspace.write(generation -> {
                for (int i = 0; i < documents.size(); i++) {
                    generation.writer.updateDocument(new Term(ID, idOf.apply(batch.get(i))), documents.get(i));
                }
            });
        }
    }

    @Override
    public void delete(Collection<IndexedMessage.Key> keys) {
        deleteAll(keys, IndexedMessage.Key::workspaceId, IndexedMessage.Key::id);
    }

    /** Removes documents by id, workspace by workspace; a workspace never indexed has none to remove. */
    private <K> void deleteAll(Collection<K> keys, Function<K, String> workspaceOf, Function<K, String> idOf) {
        for (Map.Entry<String, List<K>> entry : byWorkspace(keys, workspaceOf)) {
            Workspace workspace = workspace(entry.getKey(), false);
            if (workspace == null) {
                continue;
            }
            Term[] ids = entry.getValue().stream().map(k -> new Term(ID, idOf.apply(k))).toArray(Term[]::new);
            workspace.write(generation -> generation.writer.deleteDocuments(ids));
        }
    }

    @Override
    public void deleteChannel(String workspaceId, String channelId) {
        Workspace workspace = workspace(workspaceId, false);
        if (workspace != null) {
            // Its messages only: a file shared there may be shared elsewhere too, and is found only where readable.
            Query messages = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(CHANNEL, channelId)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(KIND, KIND_FILE)), BooleanClause.Occur.MUST_NOT)
                    .build();
            workspace.write(generation -> generation.writer.deleteDocuments(messages));
        }
    }

    @Override
    public void upsertFiles(List<IndexedFile> files) {
        upsertAll(files, IndexedFile::workspaceId, f -> f.key().id(), LuceneSearchIndex::document);
    }

    @Override
    public void deleteFiles(Collection<IndexedFile.Key> keys) {
        deleteAll(keys, IndexedFile.Key::workspaceId, IndexedFile.Key::id);
    }

    @Override
    public void commit() {
        for (Workspace workspace : workspaces.values()) {
            workspace.commit();
        }
    }

    @Override
    public SearchHits search(SearchQuery query) {
        LuceneQuery lucene = LuceneQuery.of(query, false);
        if (lucene.query() == null) {
            return SearchHits.NONE;
        }
        Workspace workspace = workspace(query.workspaceId(), false);
        if (workspace == null) {
            return SearchHits.NONE;
        }
        Page<SearchHits.Hit> page = workspace.search(query, lucene, (doc, score, highlighter) -> {
            IndexedMessage message = message(query.workspaceId(), doc);
            return new SearchHits.Hit(message, score,
                    query.highlight() ? highlight(highlighter, message.text()) : null);
        });
        return new SearchHits(page.total(), page.hits());
    }

    @Override
    public FileHits searchFiles(SearchQuery query) {
        LuceneQuery lucene = LuceneQuery.of(query, true);
        if (lucene.query() == null) {
            return FileHits.NONE;
        }
        Workspace workspace = workspace(query.workspaceId(), false);
        if (workspace == null) {
            return FileHits.NONE;
        }
        Page<FileHits.Hit> page = workspace.search(query, lucene, (doc, score, highlighter) -> {
            IndexedFile file = file(query.workspaceId(), doc);
            return new FileHits.Hit(file, score, query.highlight() ? highlight(highlighter, file.title()) : null);
        });
        return new FileHits(page.total(), page.hits());
    }

    @Override
    public Rebuild rebuild(String workspaceId) {
        return workspace(workspaceId, true).startRebuild();
    }

    @Override
    public void close() {
        synchronized (opening) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<Throwable> failures = new ArrayList<>();
        for (Workspace workspace : workspaces.values()) {
            try {
                workspace.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        workspaces.clear();
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("closing the search index failed");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** The workspace's index, opened on first use; null when it has none and {@code create} is false. */
    private Workspace workspace(String workspaceId, boolean create) {
        Workspace open = workspaces.get(workspaceId);
        if (open != null) {
            return open;
        }
        synchronized (opening) {
            if (closed) {
                throw new IllegalStateException("the search index is closed");
            }
            open = workspaces.get(workspaceId);
            if (open == null) {
                Path dir = root.resolve(directoryName(workspaceId));
                if (!create && !Files.exists(dir.resolve(LIVE_FILE))) {
                    return null;
                }
                open = Workspace.open(dir);
                workspaces.put(workspaceId, open);
            }
            return open;
        }
    }

    /** A file name for a workspace id: Slack ids pass as they are, anything else is escaped so ids never collide. */
    static String directoryName(String workspaceId) {
        StringBuilder name = new StringBuilder();
        for (byte b : workspaceId.getBytes(StandardCharsets.UTF_8)) {
            if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-') {
                name.append((char) b);
            } else {
                name.append('_').append(String.format("%02x", b & 0xff));
            }
        }
        return name.isEmpty() ? "_" : name.toString();
    }

    private static <T> Iterable<Map.Entry<String, List<T>>> byWorkspace(Collection<T> items,
                                                                       java.util.function.Function<T, String> ws) {
        Map<String, List<T>> grouped = new LinkedHashMap<>();
        for (T item : items) {
            grouped.computeIfAbsent(ws.apply(item), k -> new ArrayList<>()).add(item);
        }
        return grouped.entrySet();
    }

    // ------------------------------------------------------------------------------------------------ documents

    static Document document(IndexedMessage m) {
        Document doc = new Document();
        String id = m.key().id();
        doc.add(new StringField(ID, id, Field.Store.NO));
        doc.add(new SortedDocValuesField(ID, new BytesRef(id)));
        doc.add(new StringField(CHANNEL, m.channelId(), Field.Store.NO));
        doc.add(new LongPoint(TS, m.tsMicros()));
        doc.add(new NumericDocValuesField(TS, m.tsMicros()));
        if (m.userId() != null) {
            doc.add(new StringField(USER, m.userId(), Field.Store.NO));
        }
        m.mentions().forEach(u -> doc.add(new StringField(MENTION, u, Field.Store.NO)));
        m.reactions().forEach(r -> doc.add(new StringField(REACTION, r, Field.Store.NO)));
        if (m.hasLink()) {
            doc.add(new StringField(HAS, LuceneQuery.hasValue(SearchQuery.Has.LINK), Field.Store.NO));
        }
        if (!m.fileIds().isEmpty()) {
            doc.add(new StringField(HAS, LuceneQuery.hasValue(SearchQuery.Has.FILE), Field.Store.NO));
        }
        if (m.pinned()) {
            doc.add(new StringField(HAS, LuceneQuery.hasValue(SearchQuery.Has.PIN), Field.Store.NO));
        }
        if (!m.reactions().isEmpty()) {
            doc.add(new StringField(HAS, LuceneQuery.hasValue(SearchQuery.Has.REACTION), Field.Store.NO));
        }
        if (m.inThread()) {
            doc.add(new StringField(HAS, LuceneQuery.hasValue(SearchQuery.Has.THREAD), Field.Store.NO));
        }
        doc.add(new TextField(BODY, m.searchText(), Field.Store.NO));

        doc.add(new StoredField(S_CHANNEL, m.channelId()));
        doc.add(new StoredField(S_TS, m.ts()));
        doc.add(new StoredField(S_MICROS, m.tsMicros()));
        storeIfPresent(doc, S_THREAD, m.threadTs());
        storeIfPresent(doc, S_USER, m.userId());
        storeIfPresent(doc, S_BOT, m.botId());
        storeIfPresent(doc, S_SUBTYPE, m.subtype());
        doc.add(new StoredField(S_TEXT, m.text()));
        doc.add(new StoredField(S_SEARCH, m.searchText()));
        m.mentions().forEach(u -> doc.add(new StoredField(S_MENTIONS, u)));
        m.reactions().forEach(r -> doc.add(new StoredField(S_REACTIONS, r)));
        doc.add(new StoredField(S_LINK, m.hasLink() ? 1 : 0));
        m.fileIds().forEach(f -> doc.add(new StoredField(S_FILES, f)));
        doc.add(new StoredField(S_PIN, m.pinned() ? 1 : 0));
        return doc;
    }

    private static void storeIfPresent(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StoredField(field, value));
        }
    }

    static IndexedMessage message(String workspaceId, Document doc) {
        return new IndexedMessage(workspaceId, doc.get(S_CHANNEL), doc.get(S_TS),
                doc.getField(S_MICROS).numericValue().longValue(), doc.get(S_THREAD), doc.get(S_USER),
                doc.get(S_BOT), doc.get(S_SUBTYPE), doc.get(S_TEXT), doc.get(S_SEARCH),
                List.of(doc.getValues(S_MENTIONS)), List.of(doc.getValues(S_REACTIONS)),
                doc.getField(S_LINK).numericValue().intValue() == 1, List.of(doc.getValues(S_FILES)),
                doc.getField(S_PIN).numericValue().intValue() == 1);
    }

    static Document document(IndexedFile f) {
        Document doc = new Document();
        String id = f.key().id();
        doc.add(new StringField(ID, id, Field.Store.NO));
        doc.add(new SortedDocValuesField(ID, new BytesRef(id)));
        doc.add(new StringField(KIND, KIND_FILE, Field.Store.NO));
        f.channels().forEach(c -> doc.add(new StringField(CHANNEL, c, Field.Store.NO)));
        doc.add(new LongPoint(TS, f.createdMicros()));
        doc.add(new NumericDocValuesField(TS, f.createdMicros()));
        if (f.userId() != null) {
            doc.add(new StringField(USER, f.userId(), Field.Store.NO));
        }
        doc.add(new TextField(BODY, f.searchText(), Field.Store.NO));

        doc.add(new StoredField(S_FILE_ID, f.fileId()));
        doc.add(new StoredField(S_MICROS, f.createdMicros()));
        storeIfPresent(doc, S_USER, f.userId());
        doc.add(new StoredField(S_NAME, f.name()));
        doc.add(new StoredField(S_TITLE, f.title()));
        doc.add(new StoredField(S_FILETYPE, f.filetype()));
        doc.add(new StoredField(S_TEXT, f.text()));
        f.channels().forEach(c -> doc.add(new StoredField(S_CHANNELS, c)));
        return doc;
    }

    static IndexedFile file(String workspaceId, Document doc) {
        return new IndexedFile(workspaceId, doc.get(S_FILE_ID), doc.getField(S_MICROS).numericValue().longValue(),
                doc.get(S_USER), doc.get(S_NAME), doc.get(S_TITLE), doc.get(S_FILETYPE), doc.get(S_TEXT),
                List.of(doc.getValues(S_CHANNELS)));
    }

    private static String highlight(Highlighter highlighter, String text) throws IOException {
        if (highlighter == null) {
            return text;
        }
        try {
            String marked = highlighter.getBestFragment(MessageAnalysis.INDEX, BODY, text);
            return marked == null ? text : marked;
        } catch (InvalidTokenOffsetsException e) {
            return text; // our own analyzer's offsets are valid; should this ever fail, show the text unmarked
        }
    }

    /** A page of matches of either kind and how many match in all. */
    private record Page<H>(long total, List<H> hits) {
    }

    /** Makes one match of a stored document. */
    @FunctionalInterface
    private interface HitReader<H> {
        H read(Document doc, double score, Highlighter highlighter) throws IOException;
    }

    // ------------------------------------------------------------------------------------------------ workspaces

    /** A write applied to each generation that takes writes. */
    @FunctionalInterface
    private interface Write {
        void apply(Generation generation) throws IOException;
    }

    /** One workspace's generations: the live one, and the one a rebuild fills, if any. */
    private static final class Workspace {
        private final Path dir;
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private Generation live;
        private Generation building;
        private long lastGeneration;

        private Workspace(Path dir, Generation live, long lastGeneration) {
            this.dir = dir;
            this.live = live;
            this.lastGeneration = lastGeneration;
        }

        /** Opens the live generation, creating generation 1 for a new workspace, and drops unfinished rebuilds. */
        static Workspace open(Path dir) {
            try {
                Files.createDirectories(dir);
                Path liveFile = dir.resolve(LIVE_FILE);
                long live;
                if (Files.exists(liveFile)) {
                    live = Long.parseLong(Files.readString(liveFile, StandardCharsets.US_ASCII).trim());
                } else {
                    live = 1;
                    writeLive(dir, live);
                }
                long last = live;
                try (Stream<Path> entries = Files.list(dir)) {
                    for (Path entry : entries.toList()) {
                        String name = entry.getFileName().toString();
                        if (Files.isDirectory(entry) && name.chars().allMatch(Character::isDigit)
                                && !name.isEmpty() && Long.parseLong(name) != live) {
                            // A rebuild that never completed (the process stopped during it): its data is useless.
                            last = Math.max(last, Long.parseLong(name));
                            IOUtils.rm(entry);
                        }
                    }
                }
                return new Workspace(dir, Generation.open(dir, live, IndexWriterConfig.OpenMode.CREATE_OR_APPEND),
                        last);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the search index at " + dir, e);
            }
        }

        void write(Write write) {
            lock.readLock().lock();
            try {
                ensureOpen();
                write.apply(live);
                live.dirty.set(true);
                if (building != null) {
                    write.apply(building);
                    building.dirty.set(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the search index at " + dir, e);
            } finally {
                lock.readLock().unlock();
            }
        }

        void commit() {
            lock.readLock().lock();
            try {
                if (live == null) {
                    return;
                }
                live.commit();
                if (building != null) {
                    building.commit();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot commit the search index at " + dir, e);
            } finally {
                lock.readLock().unlock();
            }
        }

        <H> Page<H> search(SearchQuery query, LuceneQuery lucene, HitReader<H> reader) {
            lock.readLock().lock();
            try {
                ensureOpen();
                IndexSearcher searcher = live.searchers.acquire();
                try {
                    return search(searcher, query, lucene, reader);
                } finally {
                    live.searchers.release(searcher);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot search the search index at " + dir, e);
            } finally {
                lock.readLock().unlock();
            }
        }

        private static <H> Page<H> search(IndexSearcher searcher, SearchQuery query, LuceneQuery lucene,
                HitReader<H> reader) throws IOException {
            long wanted = Math.min((long) query.offset() + query.limit(), searcher.getIndexReader().maxDoc());
            if (wanted <= query.offset()) {
                return new Page<>(searcher.count(lucene.query()), List.of());
            }
            TopFieldDocs top = searcher.search(lucene.query(),
                    new TopFieldCollectorManager(lucene.sort(), (int) wanted, null, Integer.MAX_VALUE));
            Highlighter highlighter = null;
            if (query.highlight() && lucene.highlight() != null) {
                highlighter = new Highlighter(
                        new SimpleHTMLFormatter(SearchQuery.HIGHLIGHT_START, SearchQuery.HIGHLIGHT_END),
                        new QueryScorer(lucene.highlight(), BODY));
                highlighter.setTextFragmenter(new NullFragmenter()); // the whole text, not a snippet of it
                highlighter.setMaxDocCharsToAnalyze(Integer.MAX_VALUE);
            }
            StoredFields stored = searcher.storedFields();
            List<H> hits = new ArrayList<>();
            for (int i = query.offset(); i < top.scoreDocs.length; i++) {
                ScoreDoc doc = top.scoreDocs[i];
                double score = query.sort() == SearchQuery.Sort.SCORE
                        ? ((Float) ((FieldDoc) doc).fields[0]).doubleValue() : 0;
                hits.add(reader.read(stored.document(doc.doc), score, highlighter));
            }
            return new Page<>(top.totalHits.value(), hits);
        }

        SearchIndex.Rebuild startRebuild() {
            lock.writeLock().lock();
            try {
                ensureOpen();
                if (building != null) {
                    building.discard();
                    building = null;
                }
                building = Generation.open(dir, ++lastGeneration, IndexWriterConfig.OpenMode.CREATE);
                return new LuceneRebuild(this, building);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a rebuild of the search index at " + dir, e);
            } finally {
                lock.writeLock().unlock();
            }
        }

        void add(Generation generation, List<IndexedMessage> messages) {
            lock.readLock().lock();
            try {
                if (building != generation) {
                    throw new IllegalStateException("this rebuild is over: it completed or was abandoned");
                }
                for (IndexedMessage m : messages) {
                    generation.writer.updateDocument(new Term(ID, m.key().id()), document(m));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the rebuild at " + generation.dir, e);
            } finally {
                lock.readLock().unlock();
            }
        }

        void addFiles(Generation generation, List<IndexedFile> files) {
            lock.readLock().lock();
            try {
                if (building != generation) {
                    throw new IllegalStateException("this rebuild is over: it completed or was abandoned");
                }
                for (IndexedFile f : files) {
                    generation.writer.updateDocument(new Term(ID, f.key().id()), document(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the rebuild at " + generation.dir, e);
            } finally {
                lock.readLock().unlock();
            }
        }

        /** Makes the generation live: durable first, then named in the live file, then searched; old one dropped. */
        void complete(Generation generation) {
            lock.writeLock().lock();
            try {
                if (building != generation) {
                    throw new IllegalStateException("this rebuild was abandoned");
                }
                generation.writer.commit();
                generation.searchers.maybeRefreshBlocking();
                writeLive(dir, generation.number);
                Generation old = live;
                live = generation;
                building = null;
                old.discard();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot complete the rebuild at " + generation.dir, e);
            } finally {
                lock.writeLock().unlock();
            }
        }

        void abandon(Generation generation) {
            lock.writeLock().lock();
            try {
                if (building == generation) {
                    building = null;
                    generation.discard();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot drop the rebuild at " + generation.dir, e);
            } finally {
                lock.writeLock().unlock();
            }
        }

        void close() {
            lock.writeLock().lock();
            try {
                if (building != null) {
                    building.discard();
                    building = null;
                }
                if (live != null) {
                    live.close();
                    live = null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the search index at " + dir, e);
            } finally {
                lock.writeLock().unlock();
            }
        }

        private void ensureOpen() {
            if (live == null) {
                throw new IllegalStateException("the search index is closed");
            }
        }

        /** Names the live generation: a new file moved over the old one, so a crash leaves one or the other. */
        private static void writeLive(Path dir, long generation) throws IOException {
            Path next = dir.resolve(LIVE_FILE + ".next");
            Files.writeString(next, Long.toString(generation), StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(next, dir.resolve(LIVE_FILE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, dir.resolve(LIVE_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
            IOUtils.fsync(dir, true);
        }
    }

    /** One generation of a workspace's index: its directory, writer and searchers. */
    private static final class Generation {
        final long number;
        final Path dir;
        final Directory directory;
        final IndexWriter writer;
        final SearcherManager searchers;
        final AtomicBoolean dirty = new AtomicBoolean();

        private Generation(long number, Path dir, Directory directory, IndexWriter writer, SearcherManager searchers) {
            this.number = number;
            this.dir = dir;
            this.directory = directory;
            this.writer = writer;
            this.searchers = searchers;
        }

        static Generation open(Path workspaceDir, long number, IndexWriterConfig.OpenMode mode) throws IOException {
            Path dir = workspaceDir.resolve(Long.toString(number));
            Directory directory = FSDirectory.open(dir);
            IndexWriter writer = null;
            try {
                IndexWriterConfig config = new IndexWriterConfig(MessageAnalysis.INDEX).setOpenMode(mode);
                writer = new IndexWriter(directory, config);
                if (mode == IndexWriterConfig.OpenMode.CREATE) {
                    writer.commit(); // so that the generation exists on disk from the start
                }
                // Searchers come from the writer but are refreshed only by commit, so searches see committed writes.
                return new Generation(number, dir, directory, writer, new SearcherManager(writer, null));
            } catch (IOException | RuntimeException e) {
                IOUtils.closeWhileHandlingException(writer, directory);
                throw e;
            }
        }

        void commit() throws IOException {
            if (dirty.getAndSet(false)) {
                writer.commit();
                searchers.maybeRefreshBlocking();
            }
        }

        /** Commits what is pending and closes: the index stays on disk. */
        void close() throws IOException {
            IOUtils.close(searchers, writer, directory);
        }

        /** Drops the generation: nothing of it is kept. */
        void discard() throws IOException {
            try {
                searchers.close();
                writer.rollback();
            } finally {
                directory.close();
            }
            try {
                IOUtils.rm(dir);
            } catch (NoSuchFileException e) {
                // already gone
            }
        }
    }

    /** A rebuild of one workspace; see {@link SearchIndex#rebuild}. */
    private static final class LuceneRebuild implements SearchIndex.Rebuild {
        private final Workspace workspace;
        private final Generation generation;
        private volatile boolean completed;

        LuceneRebuild(Workspace workspace, Generation generation) {
            this.workspace = workspace;
            this.generation = generation;
        }

        @Override
        public void add(List<IndexedMessage> messages) {
            workspace.add(generation, messages);
        }

        @Override
        public void addFiles(List<IndexedFile> files) {
            workspace.addFiles(generation, files);
        }

        @Override
        public synchronized void complete() {
            if (!completed) {
                workspace.complete(generation);
                completed = true;
            }
        }

        @Override
        public synchronized void abandon() {
            if (!completed) {
                workspace.abandon(generation);
            }
        }
    }
}
