package dev.parley.search.api;

import dev.parley.channel.client.ChannelClient;
import dev.parley.channel.client.ChannelClient.ChannelSummary;
import dev.parley.common.auth.Caller;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.testing.PartialFake;
import dev.parley.files.client.FilesClient;
import dev.parley.search.IndexedFile;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchIndex;
import dev.parley.search.lucene.LuceneSearchIndex;
import dev.parley.workspace.client.WorkspaceClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workspaces with people, conversations and messages for search tests: the real Lucene index on a temporary
 * directory, and the channel and workspace services as small in-memory stand-ins that apply the channel service's
 * access rule (public channels unless a guest, else membership), read at each call as the real ones are.
 */
final class SearchWorld implements AutoCloseable {

    /** The moment "now" is for every search: Tuesday 2026-11-24, noon UTC. */
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    record Person(String workspaceId, String id, String name, String displayName, String role, String tz) {
        Caller caller() {
            return new Caller(workspaceId, id, role);
        }
    }

    record Conversation(String workspaceId, String id, String name, String type, boolean archived) {
    }

    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final Map<String, IndexedFile> files = new ConcurrentHashMap<>();
    final SearchIndex index;
    final SearchService search;

    SearchWorld(Path dir) {
        index = new LuceneSearchIndex(dir);
        search = new SearchService(index, () -> channelClient(), () -> workspaceClient(), () -> filesClient(),
                Clock.fixed(NOW, ZoneOffset.UTC), "https://parley.test/");
    }

    Person person(String workspaceId, String id, String name, MemberRole role) {
        return person(workspaceId, id, name, "", role, "");
    }

    Person person(String workspaceId, String id, String name, String displayName, MemberRole role, String tz) {
        Person p = new Person(workspaceId, id, name, displayName, role.id(), tz);
        people.put(id, p);
        return p;
    }

    Conversation channel(String workspaceId, String id, String name, String type, Person... in) {
        Conversation c = new Conversation(workspaceId, id, name, type, false);
        conversations.put(id, c);
        members.put(id, ConcurrentHashMap.newKeySet());
        for (Person p : in) {
            join(c, p);
        }
        return c;
    }

    void archive(Conversation c) {
        conversations.put(c.id(), new Conversation(c.workspaceId(), c.id(), c.name(), c.type(), true));
    }

    void join(Conversation c, Person p) {
        members.get(c.id()).add(p.id());
    }

    void leave(Conversation c, Person p) {
        members.get(c.id()).remove(p.id());
    }

    /** A message builder's start: in a conversation, by a person, at seconds since the epoch. */
    Msg msg(Conversation c, Person author, long epochSecond, String text) {
        return new Msg(c, author, epochSecond, text);
    }

    void index(Msg... messages) {
        index.upsert(List.of(messages).stream().map(Msg::build).toList());
        index.commit();
    }

    /** Indexes a file uploaded by a person at seconds since the epoch, shared in the conversations given. */
    IndexedFile file(String id, Person uploader, long epochSecond, String name, String title, String text,
                     Conversation... sharedIn) {
        IndexedFile f = new IndexedFile(uploader.workspaceId(), id, epochSecond * 1_000_000L, uploader.id(), name,
                title, "text", text, List.of(sharedIn).stream().map(Conversation::id).toList());
        files.put(id, f);
        index.upsertFiles(List.of(f));
        index.commit();
        return f;
    }

    /** A message to index, with the fields a test sets beyond its text. */
    final class Msg {
        final Conversation channel;
        final Person author;
        final String ts;
        final long micros;
        final String text;
        String threadTs;
        List<String> mentions = List.of();
        List<String> reactions = List.of();
        boolean link;
        boolean pinned;

        Msg(Conversation channel, Person author, long epochSecond, String text) {
            this.channel = channel;
            this.author = author;
            int n = seq.incrementAndGet() % 1_000_000;
            this.ts = String.format(Locale.ROOT, "%d.%06d", epochSecond, n);
            this.micros = epochSecond * 1_000_000L + n;
            this.text = text;
        }

        Msg replyTo(Msg parent) {
            threadTs = parent.ts;
            return this;
        }

        Msg mentioning(Person... people) {
            mentions = List.of(people).stream().map(Person::id).toList();
            return this;
        }

        Msg reacted(String... emoji) {
            reactions = List.of(emoji);
            return this;
        }

        Msg pinned() {
            pinned = true;
            return this;
        }

        Msg linking() {
            link = true;
            return this;
        }

        IndexedMessage build() {
            return new IndexedMessage(channel.workspaceId(), channel.id(), ts, micros, threadTs, author.id(), null,
                    null, text, text, mentions, reactions, link, List.of(), pinned);
        }
    }

    private ChannelClient channelClient() {
        return PartialFake.of(ChannelClient.class, new Object() {
            public ChannelClient.ChannelSummaries readableChannels(ChannelClient.ReadableQuery query) {
                boolean guest = MemberRole.of(query.role()).isGuest();
                List<ChannelSummary> readable = new ArrayList<>();
                for (Conversation c : conversations.values()) {
                    boolean member = members.get(c.id()).contains(query.userId());
                    if (!c.workspaceId().equals(query.workspaceId()) || !(member || (!guest && c.type().equals("channel")))) {
                        continue;
                    }
                    String imUser = null;
                    if (c.type().equals("im")) {
                        imUser = members.get(c.id()).stream().filter(m -> !m.equals(query.userId())).findFirst()
                                .orElse(query.userId());
                    }
                    readable.add(new ChannelSummary(c.id(), c.type().equals("im") ? null : c.name(), c.type(),
                            c.archived(), imUser));
                }
                return new ChannelClient.ChannelSummaries(readable);
            }
        });
    }

    /** The files service's stand-in: each file as id, name, title and the conversations the viewer may read. */
    private FilesClient filesClient() {
        return PartialFake.of(FilesClient.class, new Object() {
            public FilesClient.RenderedFiles objects(FilesClient.ObjectsQuery query) {
                Set<String> readable = new java.util.HashSet<>();
                channelClient().readableChannels(new ChannelClient.ReadableQuery(query.workspaceId(), query.userId(),
                        query.role())).channels().forEach(c -> readable.add(c.id()));
                List<Map<String, Object>> rendered = new ArrayList<>();
                for (String id : query.fileIds()) {
                    IndexedFile f = files.get(id);
                    if (f == null || !f.workspaceId().equals(query.workspaceId())) {
                        continue;
                    }
                    List<String> seen = f.channels().stream().filter(readable::contains).toList();
                    if (seen.isEmpty() && !f.userId().equals(query.userId())) {
                        continue;
                    }
                    Map<String, Object> v = new java.util.LinkedHashMap<>();
                    v.put("id", f.fileId());
                    v.put("name", f.name());
                    v.put("title", f.title());
                    v.put("channels", seen);
                    rendered.add(v);
                }
                return new FilesClient.RenderedFiles(rendered);
            }
        });
    }

    private WorkspaceClient workspaceClient() {
        return PartialFake.of(WorkspaceClient.class, new Object() {
            public WorkspaceClient.UserNames usersByName(WorkspaceClient.NamesQuery query) {
                return new WorkspaceClient.UserNames(people.values().stream()
                        .filter(p -> p.workspaceId().equals(query.workspaceId()))
                        .filter(p -> query.names().contains(p.name())
                                || query.names().contains(p.displayName().toLowerCase(Locale.ROOT)))
                        .map(SearchWorld::userName).toList());
            }

            public WorkspaceClient.UserNames users(WorkspaceClient.UserIds query) {
                return new WorkspaceClient.UserNames(query.userIds().stream().map(people::get)
                        .filter(p -> p != null && p.workspaceId().equals(query.workspaceId()))
                        .map(SearchWorld::userName).toList());
            }
        });
    }

    private static WorkspaceClient.UserName userName(Person p) {
        return new WorkspaceClient.UserName(p.id(), p.name(), p.displayName(), p.tz());
    }

    @Override
    public void close() {
        index.close();
    }
}
