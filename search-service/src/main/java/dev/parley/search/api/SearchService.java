package dev.parley.search.api;

import dev.parley.channel.client.ChannelClient;
import dev.parley.channel.client.ChannelClient.ChannelSummary;
import dev.parley.common.auth.Caller;
import dev.parley.files.client.FilesClient;
import dev.parley.search.FileHits;
import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchHits;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchQuery;
import dev.parley.search.query.ParsedQuery;
import dev.parley.search.query.ParsedQuery.ChannelRef;
import dev.parley.search.query.ParsedQuery.DayRange;
import dev.parley.search.query.ParsedQuery.UserRef;
import dev.parley.search.query.SearchQueryParser;
import dev.parley.workspace.client.WorkspaceClient;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Searches for a caller: parses the query, resolves the people and conversations it names, decides from the channel
 * service which conversations the caller may read at this moment, and runs the query on the {@link SearchIndex} with
 * that access applied. Nothing is cached, so a member removed from a private channel stops finding its messages with
 * the next search. Every conversation a query names is looked for only among those the caller may read, so naming
 * one they may not read matches nothing, exactly as naming one that does not exist.
 */
@Service
public class SearchService {

    /** Slack's page size when {@code count} is absent, and its largest. */
    public static final int DEFAULT_COUNT = 20;
    public static final int MAX_COUNT = 100;
    /** Slack serves at most 100 pages of any search. */
    public static final int MAX_PAGE = 100;

    private final SearchIndex index;
    private final Supplier<ChannelClient> channels;
    private final Supplier<WorkspaceClient> workspace;
    private final Supplier<FilesClient> files;
    private final Clock clock;
    private final String publicUrl;

    @Autowired
    SearchService(SearchIndex index, ObjectProvider<ChannelClient> channels, ObjectProvider<WorkspaceClient> workspace,
                  ObjectProvider<FilesClient> files, Environment env) {
        this(index, channels::getObject, workspace::getObject, files::getObject, Clock.systemUTC(),
                env.getProperty("parley.public-url", "http://localhost:8080/"));
    }

    SearchService(SearchIndex index, Supplier<ChannelClient> channels, Supplier<WorkspaceClient> workspace,
                  Supplier<FilesClient> files, Clock clock, String publicUrl) {
        this.files = files;
        this.index = index;
        this.channels = channels;
        this.workspace = workspace;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
    }

    /**
     * What to search and how to page it. {@code count} outside [1, {@value #MAX_COUNT}] means the default or the
     * largest; {@code page} is 1-based and held to [1, {@value #MAX_PAGE}].
     */
    public record Request(String query, SearchQuery.Sort sort, boolean ascending, boolean highlight, int count,
                          int page) {

        public Request {
            sort = sort == null ? SearchQuery.Sort.SCORE : sort;
            count = count <= 0 ? DEFAULT_COUNT : Math.min(count, MAX_COUNT);
            page = Math.clamp(page, 1, MAX_PAGE);
        }

        /** The first match of the page, counted from 0. */
        int offset() {
            return (page - 1) * count;
        }
    }

    /**
     * One page of matches and Slack's paging numbers: {@code pages} is how many pages hold matches, at most
     * {@value #MAX_PAGE}; {@code first} and {@code last} number the page's matches from 1 ({@code last} is
     * {@code first - 1} for an empty page, as Slack answers).
     */
    public record Page(long total, int count, int page, List<Match> matches) implements Paged {

        @Override
        public int size() {
            return matches.size();
        }

        static Page empty(Request request) {
            return new Page(0, request.count(), request.page(), List.of());
        }
    }

    /** Slack's paging numbers of a page of matches of any kind; see {@link Page}. */
    public interface Paged {
        long total();

        int count();

        int page();

        /** How many matches the page holds. */
        int size();

        default int pages() {
            return (int) Math.min(MAX_PAGE, (total() + count() - 1) / count());
        }

        default int first() {
            return (page() - 1) * count() + 1;
        }

        default int last() {
            return first() - 1 + size();
        }
    }

    /** One page of files found, as the files service renders them to the caller. */
    public record FilePage(long total, int count, int page, List<Map<String, Object>> files) implements Paged {

        @Override
        public int size() {
            return files.size();
        }
    }

    /**
     * A message found: the conversation it is in (as the caller sees it), its author's name, its text (with Slack's
     * highlight markers when asked for), and its permalink as {@code chat.getPermalink} makes it.
     */
    public record Match(IndexedMessage message, ChannelSummary channel, String username, String text,
                        String permalink, double score) {
    }

    /** The messages the caller may read that match the query; {@code no_query} or {@code invalid_query} if malformed. */
    public Page messages(Caller caller, Request request) {
        ParsedQuery parsed = SearchQueryParser.parse(request.query());
        Page nothing = Page.empty(request);
        if (parsed.saved()) {
            // Saving messages ("Save for later") does not exist yet, so no message is saved and is:saved finds none.
            return nothing;
        }
        Map<String, ChannelSummary> readable = readable(caller);
        Optional<SearchQuery> query = query(caller, request, parsed, readable);
        if (query.isEmpty()) {
            return nothing;
        }
        SearchHits hits = index.search(query.get());
        Map<String, String> names = usernames(caller, hits);
        List<Match> matches = new ArrayList<>();
        for (SearchHits.Hit hit : hits.hits()) {
            IndexedMessage m = hit.message();
            ChannelSummary channel = readable.get(m.channelId());
            if (channel == null || !m.workspaceId().equals(caller.workspaceId())) {
                // The index answers only within the readable set; this guards the answer should an adapter err.
                continue;
            }
            String text = request.highlight() && hit.highlighted() != null ? hit.highlighted() : m.text();
            matches.add(new Match(m, channel, m.userId() == null ? "" : names.getOrDefault(m.userId(), ""), text,
                    permalink(m), hit.score()));
        }
        return new Page(hits.total(), request.count(), request.page(), matches);
    }

    /**
     * The files the caller may read that match the query, by title, name or a word inside them, as the files
     * service renders them to the caller (the title highlighted when asked); malformed queries fail as in
     * {@link #messages}. A file is found only through a conversation it is shared in that the caller may read now.
     */
    public FilePage files(Caller caller, Request request) {
        ParsedQuery parsed = SearchQueryParser.parse(request.query());
        FilePage nothing = new FilePage(0, request.count(), request.page(), List.of());
        if (parsed.saved() || !parsed.has().isEmpty() || !parsed.reactions().isEmpty() || !parsed.to().isEmpty()) {
            // Conditions of messages (has:, is:saved, to:): no file meets them.
            return nothing;
        }
        Map<String, ChannelSummary> readable = readable(caller);
        Optional<SearchQuery> query = query(caller, request, parsed, readable);
        if (query.isEmpty()) {
            return nothing;
        }
        FileHits hits = index.searchFiles(query.get());
        if (hits.hits().isEmpty()) {
            return new FilePage(hits.total(), request.count(), request.page(), List.of());
        }
        Map<String, FileHits.Hit> byId = new LinkedHashMap<>();
        hits.hits().forEach(h -> byId.put(h.file().fileId(), h));
        List<Map<String, Object>> objects = new ArrayList<>();
        // The files service checks access again and renders each with the shares the caller may see.
        for (Map<String, Object> object : files.get().objects(new FilesClient.ObjectsQuery(caller.workspaceId(),
                caller.userId(), caller.role(), List.copyOf(byId.keySet()))).files()) {
            FileHits.Hit hit = byId.get(String.valueOf(object.get("id")));
            if (hit == null) {
                continue;
            }
            Map<String, Object> shown = new LinkedHashMap<>(object);
            if (request.highlight() && hit.highlightedTitle() != null) {
                shown.put("title", hit.highlightedTitle());
            }
            objects.add(shown);
        }
        return new FilePage(hits.total(), request.count(), request.page(), objects);
    }

    /** Where the caller may read now, by id. */
    private Map<String, ChannelSummary> readable(Caller caller) {
        Map<String, ChannelSummary> readable = new LinkedHashMap<>();
        channels.get().readableChannels(new ChannelClient.ReadableQuery(caller.workspaceId(), caller.userId(),
                caller.role())).channels().forEach(c -> readable.put(c.id(), c));
        return readable;
    }

    /** The query for the index, names resolved; empty when nothing can match. */
    private Optional<SearchQuery> query(Caller caller, Request request, ParsedQuery parsed,
                                        Map<String, ChannelSummary> readable) {
        Optional<SearchQuery> nothing = Optional.empty();

        Map<String, Set<String>> byName = usersByName(caller, parsed);
        Set<String> searched = new HashSet<>(readable.keySet());
        searched.removeAll(channelIds(caller, parsed.notIn(), readable, byName));
        Set<String> in = channelIds(caller, parsed.in(), readable, byName);
        Set<String> from = userIds(caller, parsed.from(), byName);
        Set<String> to = userIds(caller, parsed.to(), byName);
        if (searched.isEmpty() || emptyWhereNamed(parsed.in(), in) || emptyWhereNamed(parsed.from(), from)
                || emptyWhereNamed(parsed.to(), to)) {
            return nothing;
        }
        in.retainAll(searched);
        if (!parsed.in().isEmpty() && in.isEmpty()) {
            return nothing;
        }

        Long afterMicros = null;
        Long beforeMicros = null;
        if (!parsed.dates().isEmpty()) {
            ZoneId zone = zoneOf(caller);
            DayRange days = parsed.days(LocalDate.now(clock.withZone(zone))).orElseThrow();
            if (days.isEmpty()) {
                return nothing;
            }
            // The index's bounds are exclusive: "after" the instant before the first day starts.
            afterMicros = days.first() == null ? null : micros(days.first(), zone) - 1;
            beforeMicros = days.end() == null ? null : micros(days.end(), zone);
        }

        return Optional.of(new SearchQuery(caller.workspaceId(), searched, parsed.terms(), from, in, to,
                afterMicros, beforeMicros, parsed.has(), parsed.reactions(), request.sort(), request.ascending(),
                request.offset(), request.count(), request.highlight()));
    }

    /** {@code chat.getPermalink}'s link: {@code archives/<channel>/p<ts digits>}, with the thread of a reply. */
    String permalink(IndexedMessage m) {
        String link = publicUrl + "archives/" + m.channelId() + "/p" + m.ts().replace(".", "");
        if (m.threadTs() != null && !m.threadTs().equals(m.ts())) {
            link += "?thread_ts=" + m.threadTs() + "&cid=" + m.channelId();
        }
        return link;
    }

    private static boolean emptyWhereNamed(List<?> named, Set<String> resolved) {
        return !named.isEmpty() && resolved.isEmpty();
    }

    /** Every name the query gives a person by, resolved in one call: name → the ids of the users going by it. */
    private Map<String, Set<String>> usersByName(Caller caller, ParsedQuery parsed) {
        Set<String> names = new LinkedHashSet<>();
        Stream.of(parsed.from().stream(), parsed.to().stream(),
                        Stream.concat(parsed.in().stream(), parsed.notIn().stream())
                                .flatMap(c -> c instanceof ChannelRef.Direct d ? Stream.of(d.user()) : Stream.empty()))
                .flatMap(s -> s)
                .forEach(u -> {
                    if (u instanceof UserRef.Name n) {
                        names.add(n.name());
                    }
                });
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, Set<String>> ids = new HashMap<>();
        for (WorkspaceClient.UserName user : workspace.get().usersByName(
                new WorkspaceClient.NamesQuery(caller.workspaceId(), List.copyOf(names))).users()) {
            for (String name : List.of(user.name(), user.displayName())) {
                String key = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
                if (names.contains(key)) {
                    ids.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(user.userId());
                }
            }
        }
        return ids;
    }

    private static Set<String> userIds(Caller caller, List<UserRef> refs, Map<String, Set<String>> byName) {
        Set<String> ids = new LinkedHashSet<>();
        for (UserRef ref : refs) {
            switch (ref) {
                case UserRef.Me me -> ids.add(caller.userId());
                case UserRef.Id id -> ids.add(id.id());
                case UserRef.Name name -> ids.addAll(byName.getOrDefault(name.name(), Set.of()));
            }
        }
        return ids;
    }

    /** The conversations named, found only among the readable ones: a DM by its other member, a channel by name. */
    private static Set<String> channelIds(Caller caller, List<ChannelRef> refs, Map<String, ChannelSummary> readable,
                                          Map<String, Set<String>> byName) {
        Set<String> ids = new LinkedHashSet<>();
        for (ChannelRef ref : refs) {
            switch (ref) {
                case ChannelRef.Id id -> {
                    if (readable.containsKey(id.id())) {
                        ids.add(id.id());
                    }
                }
                case ChannelRef.Name name -> readable.values().stream()
                        .filter(c -> name.name().equals(c.name()))
                        .forEach(c -> ids.add(c.id()));
                case ChannelRef.Direct direct -> {
                    Set<String> people = userIds(caller, List.of(direct.user()), byName);
                    readable.values().stream()
                            .filter(c -> "im".equals(c.type()) && people.contains(c.imUser()))
                            .forEach(c -> ids.add(c.id()));
                }
            }
        }
        return ids;
    }

    /** The authors' names, in one call for the page. */
    private Map<String, String> usernames(Caller caller, SearchHits hits) {
        List<String> authors = hits.hits().stream().map(h -> h.message().userId())
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (authors.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        workspace.get().users(new WorkspaceClient.UserIds(caller.workspaceId(), authors)).users()
                .forEach(u -> names.put(u.userId(), u.name()));
        return names;
    }

    /** The caller's time zone from their profile, UTC when unset or unknown. */
    private ZoneId zoneOf(Caller caller) {
        return workspace.get().users(new WorkspaceClient.UserIds(caller.workspaceId(), List.of(caller.userId())))
                .users().stream().findFirst()
                .map(WorkspaceClient.UserName::tz)
                .filter(tz -> tz != null && !tz.isBlank())
                .flatMap(SearchService::zone)
                .orElse(ZoneOffset.UTC);
    }

    private static Optional<ZoneId> zone(String tz) {
        try {
            return Optional.of(ZoneId.of(tz));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static long micros(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toEpochSecond() * 1_000_000L;
    }
}
