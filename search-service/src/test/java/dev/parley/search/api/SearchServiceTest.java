package dev.parley.search.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.MemberRole;
import dev.parley.search.SearchQuery;
import dev.parley.search.api.SearchWorld.Conversation;
import dev.parley.search.api.SearchWorld.Msg;
import dev.parley.search.api.SearchWorld.Person;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searching as a caller, on the real Lucene index: the caller's access decided at each search (private channels,
 * removal, guests, other workspaces, {@code in:} a channel they cannot read), names resolved, dates in the caller's
 * time zone, Slack's paging, highlights and errors.
 */
class SearchServiceTest {

    private static final String T1 = "T0SEARCH1";
    private static final String T2 = "T0SEARCH2";
    private static final long DAY = 86_400;
    /** 2026-03-15T05:00:00Z: still the 14th in Los Angeles. */
    private static final long MARCH_15_5AM = Instant.parse("2026-03-15T05:00:00Z").getEpochSecond();

    @TempDir
    Path dir;

    private SearchWorld world;
    private Person ann;
    private Person bob;
    private Person gus;
    private Person zed;
    private Conversation general;
    private Conversation random;
    private Conversation secret;
    private Conversation annBob;
    private Conversation annSelf;
    private Conversation elsewhere;

    @BeforeEach
    void open() {
        world = new SearchWorld(dir);
        ann = world.person(T1, "U0ANN", "ann", "Annie", MemberRole.MEMBER, "America/Los_Angeles");
        bob = world.person(T1, "U0BOB", "bob", MemberRole.MEMBER);
        gus = world.person(T1, "U0GUS", "gus", MemberRole.GUEST);
        zed = world.person(T2, "U0ZED", "zed", MemberRole.MEMBER);
        general = world.channel(T1, "C0GENERAL", "general", "channel", ann, bob);
        random = world.channel(T1, "C0RANDOM", "random", "channel", ann, gus);
        secret = world.channel(T1, "G0SECRET", "secret", "group", ann);
        annBob = world.channel(T1, "D0ANNBOB", null, "im", ann, bob);
        annSelf = world.channel(T1, "D0ANNSELF", null, "im", ann);
        elsewhere = world.channel(T2, "C0ELSEWHERE", "general", "channel", zed);
    }

    @AfterEach
    void close() {
        world.close();
    }

    private SearchService.Page search(Person who, String query) {
        return search(who, query, 0, 1);
    }

    private SearchService.Page search(Person who, String query, int count, int page) {
        return world.search.messages(who.caller(),
                new SearchService.Request(query, SearchQuery.Sort.TIMESTAMP, false, false, count, page));
    }

    private static List<String> texts(SearchService.Page page) {
        return page.matches().stream().map(SearchService.Match::text).toList();
    }

    private String error(Person who, String query) {
        return catchThrowableOfType(SlackApiException.class, () -> search(who, query)).error();
    }

    @Test
    void aPrivateChannelsMessagesNeverReachANonMember() {
        long t = MARCH_15_5AM;
        world.index(world.msg(secret, ann, t, "launch codes are here"));
        world.index(world.msg(general, ann, t + 1, "launch plan for friday"));

        assertThat(texts(search(bob, "launch"))).as("the later public message arrives, the private one never")
                .containsExactly("launch plan for friday");
        assertThat(texts(search(ann, "launch"))).containsExactly("launch plan for friday", "launch codes are here");
        assertThat(search(bob, "codes").total()).isZero();
    }

    @Test
    void aMemberRemovedFromAPrivateChannelStopsFindingItsMessagesAtOnce() {
        long t = MARCH_15_5AM;
        world.index(world.msg(secret, ann, t, "quarterly numbers draft"),
                world.msg(general, bob, t + 1, "quarterly numbers are public now"));
        world.join(secret, bob);
        assertThat(search(bob, "quarterly").total()).isEqualTo(2);

        world.leave(secret, bob);

        assertThat(texts(search(bob, "quarterly"))).containsExactly("quarterly numbers are public now");
    }

    @Test
    void aGuestFindsOnlyTheConversationsItIsIn() {
        long t = MARCH_15_5AM;
        world.index(world.msg(general, ann, t, "standup notes monday"),
                world.msg(secret, ann, t + 1, "standup notes private"),
                world.msg(random, ann, t + 2, "standup notes random"));

        assertThat(texts(search(gus, "standup"))).containsExactly("standup notes random");
        assertThat(search(gus, "in:#general standup").total()).isZero();
        assertThat(search(ann, "standup").total()).isEqualTo(3);
    }

    @Test
    void anotherWorkspacesMessagesNeverAppear() {
        long t = MARCH_15_5AM;
        world.index(world.msg(elsewhere, zed, t, "migration window tonight"),
                world.msg(general, ann, t + 1, "migration window next week"));

        assertThat(texts(search(bob, "migration"))).containsExactly("migration window next week");
        assertThat(texts(search(zed, "migration"))).containsExactly("migration window tonight");
        assertThat(search(bob, "in:C0ELSEWHERE migration").total()).as("another workspace's channel by id").isZero();
        assertThat(search(bob, "from:<@U0ZED>").total()).isZero();
    }

    @Test
    void inAChannelTheCallerCannotReadMatchesNothingJustLikeOneThatDoesNotExist() {
        long t = MARCH_15_5AM;
        world.index(world.msg(secret, ann, t, "roadmap draft"), world.msg(general, ann, t + 1, "roadmap review"));

        assertThat(texts(search(bob, "in:#general roadmap"))).containsExactly("roadmap review");
        SearchService.Page cannotRead = search(bob, "in:#secret roadmap");
        SearchService.Page doesNotExist = search(bob, "in:#nosuchchannel roadmap");
        assertThat(cannotRead).isEqualTo(doesNotExist);
        assertThat(cannotRead.total()).isZero();
        assertThat(search(bob, "in:<#G0SECRET|secret>").total()).isZero();
        assertThat(search(bob, "in:#secret in:#general roadmap").total()).as("a readable one beside it still counts")
                .isEqualTo(1);
        assertThat(texts(search(ann, "in:#secret roadmap"))).containsExactly("roadmap draft");
    }

    @Test
    void archivedChannelsStaySearchable() {
        world.index(world.msg(general, ann, MARCH_15_5AM, "old decision record"));
        world.archive(general);

        assertThat(texts(search(bob, "decision"))).containsExactly("old decision record");
    }

    @Test
    void inAPersonIsTheCallersDirectMessageWithThemAndInMeTheirOwn() {
        long t = MARCH_15_5AM;
        world.index(world.msg(annBob, bob, t, "lunch tomorrow?"), world.msg(annSelf, ann, t + 1, "lunch reminder"),
                world.msg(general, ann, t + 2, "lunch is served"));

        assertThat(texts(search(ann, "in:@bob lunch"))).containsExactly("lunch tomorrow?");
        assertThat(texts(search(ann, "in:<@U0BOB> lunch"))).containsExactly("lunch tomorrow?");
        assertThat(texts(search(ann, "in:me lunch"))).containsExactly("lunch reminder");
        assertThat(texts(search(bob, "in:@ann lunch"))).containsExactly("lunch tomorrow?");
        assertThat(search(bob, "in:me lunch").total()).as("bob never opened his own DM").isZero();
        assertThat(texts(search(ann, "-in:#general lunch"))).containsExactly("lunch reminder", "lunch tomorrow?");
    }

    @Test
    void fromAndToResolveNamesDisplayNamesMentionsAndMe() {
        long t = MARCH_15_5AM;
        world.index(world.msg(general, ann, t, "review please").mentioning(bob),
                world.msg(general, bob, t + 1, "review done").mentioning(ann),
                world.msg(general, bob, t + 2, "unrelated"));

        assertThat(texts(search(bob, "from:@ann review"))).containsExactly("review please");
        assertThat(texts(search(bob, "from:@annie"))).as("by display name").containsExactly("review please");
        assertThat(texts(search(bob, "from:me review"))).containsExactly("review done");
        assertThat(texts(search(bob, "from:<@U0ANN>"))).containsExactly("review please");
        assertThat(texts(search(bob, "from:@bob"))).containsExactly("unrelated", "review done");
        assertThat(texts(search(bob, "to:me"))).containsExactly("review please");
        assertThat(texts(search(ann, "to:@ann"))).containsExactly("review done");
        assertThat(search(bob, "from:@nobody").total()).as("an unknown name matches nothing, not everyone").isZero();
        assertThat(search(bob, "from:@ann from:@bob review").total()).as("any of the authors").isEqualTo(2);
    }

    @Test
    void datesAreTheCallersDaysInTheirTimeZone() {
        world.index(world.msg(general, bob, MARCH_15_5AM, "incident report"),
                world.msg(general, bob, MARCH_15_5AM + 2 * DAY, "incident closed"));

        assertThat(texts(search(ann, "incident on:2026-03-14"))).as("Los Angeles: still the 14th")
                .containsExactly("incident report");
        assertThat(texts(search(bob, "incident on:2026-03-15"))).as("UTC: the 15th").containsExactly("incident report");
        assertThat(texts(search(bob, "incident after:2026-03-15"))).containsExactly("incident closed");
        assertThat(texts(search(bob, "incident before:2026-03-16"))).containsExactly("incident report");
        assertThat(search(bob, "incident during:2026-03").total()).isEqualTo(2);
        assertThat(search(bob, "incident during:march").total()).isEqualTo(2);
        assertThat(search(bob, "incident during:2025").total()).isZero();
        assertThat(search(bob, "incident after:2026-03-20 before:2026-03-01").total()).isZero();
    }

    @Test
    void todayIsTheCallersToday() {
        long now = SearchWorld.NOW.getEpochSecond();
        world.index(world.msg(general, bob, now - 3600, "fresh news"), world.msg(general, bob, now - DAY, "old news"));

        assertThat(texts(search(bob, "news on:today"))).containsExactly("fresh news");
        assertThat(texts(search(bob, "news on:yesterday"))).containsExactly("old news");
    }

    @Test
    void aQueryOfOnlyFiltersFindsEveryMessageTheyAllow() {
        long t = MARCH_15_5AM;
        Msg parent = world.msg(general, ann, t, "thread start");
        world.index(parent, world.msg(general, bob, t + 1, "a reply").replyTo(parent),
                world.msg(general, bob, t + 2, "pinned note").pinned().reacted("tada"),
                world.msg(general, bob, t + 3, "see https://example.com").linking());

        assertThat(texts(search(bob, "is:thread"))).containsExactly("a reply");
        assertThat(texts(search(bob, "has:pin"))).containsExactly("pinned note");
        assertThat(texts(search(bob, "has::tada:"))).containsExactly("pinned note");
        assertThat(texts(search(bob, "has:reaction"))).containsExactly("pinned note");
        assertThat(texts(search(bob, "has:link"))).containsExactly("see https://example.com");
        assertThat(search(bob, "in:#general").total()).isEqualTo(4);
        assertThat(search(bob, "is:saved").total()).as("nothing is saved until saving exists").isZero();
    }

    @Test
    void pagingFollowsSlacksNumbers() {
        List<Msg> many = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            many.add(world.msg(general, bob, MARCH_15_5AM + i, "deploy number " + i));
        }
        world.index(many.toArray(Msg[]::new));

        SearchService.Page third = search(bob, "deploy", 20, 3);
        assertThat(third.total()).isEqualTo(45);
        assertThat(third.pages()).isEqualTo(3);
        assertThat(third.matches()).hasSize(5);
        assertThat(third.first()).isEqualTo(41);
        assertThat(third.last()).isEqualTo(45);
        assertThat(texts(third).getFirst()).isEqualTo("deploy number 4");

        SearchService.Page beyond = search(bob, "deploy", 20, 4);
        assertThat(beyond.matches()).isEmpty();
        assertThat(beyond.total()).isEqualTo(45);
        assertThat(beyond.first()).isEqualTo(61);
        assertThat(beyond.last()).isEqualTo(60);

        assertThat(search(bob, "deploy").count()).as("the default count").isEqualTo(20);
        assertThat(search(bob, "deploy", 500, 1).count()).as("at most 100").isEqualTo(100);
        assertThat(search(bob, "deploy", 1, 0).page()).isEqualTo(1);
        assertThat(search(bob, "deploy", 1, 1000).page()).as("Slack serves 100 pages at most").isEqualTo(100);
        assertThat(search(bob, "deploy", 1, 1).pages()).isEqualTo(45);
        assertThat(new SearchService.Page(1000, 1, 1, List.of()).pages()).isEqualTo(100);

        SearchService.Page none = search(bob, "nothingmatches");
        assertThat(none.pages()).isZero();
        assertThat(none.first()).isEqualTo(1);
        assertThat(none.last()).isZero();
    }

    @Test
    void sortByTimestampInEitherDirection() {
        world.index(world.msg(general, bob, MARCH_15_5AM, "alpha one"), world.msg(general, bob, MARCH_15_5AM + 9, "alpha two"));

        assertThat(texts(search(bob, "alpha"))).containsExactly("alpha two", "alpha one");
        assertThat(texts(world.search.messages(bob.caller(),
                new SearchService.Request("alpha", SearchQuery.Sort.TIMESTAMP, true, false, 0, 1))))
                .containsExactly("alpha one", "alpha two");
    }

    @Test
    void highlightsMarkTheMatchedWordsOnlyWhenAskedFor() {
        world.index(world.msg(general, bob, MARCH_15_5AM, "the build broke again"));

        SearchService.Page marked = world.search.messages(bob.caller(),
                new SearchService.Request("build", SearchQuery.Sort.SCORE, false, true, 0, 1));
        assertThat(texts(marked)).containsExactly("the \uE000build\uE001 broke again");
        assertThat(texts(search(bob, "build"))).containsExactly("the build broke again");
    }

    @Test
    void aMatchCarriesItsConversationAuthorAndPermalink() {
        Msg parent = world.msg(general, ann, MARCH_15_5AM, "design question");
        Msg reply = world.msg(general, bob, MARCH_15_5AM + 5, "design answer").replyTo(parent);
        world.index(parent, reply, world.msg(annBob, bob, MARCH_15_5AM + 9, "design chat"));

        List<SearchService.Match> matches = search(ann, "design").matches();
        assertThat(matches).extracting(SearchService.Match::username).containsExactly("bob", "bob", "ann");
        assertThat(matches.get(0).channel().imUser()).isEqualTo("U0BOB");
        assertThat(matches.get(1).permalink()).isEqualTo("https://parley.test/archives/C0GENERAL/p"
                + reply.ts.replace(".", "") + "?thread_ts=" + parent.ts + "&cid=C0GENERAL");
        assertThat(matches.get(2).permalink())
                .isEqualTo("https://parley.test/archives/C0GENERAL/p" + parent.ts.replace(".", ""));
        assertThat(matches.get(2).channel().name()).isEqualTo("general");
    }

    @Test
    void malformedQueriesGetSlackErrors() {
        assertThat(error(bob, "deploy has:banana")).isEqualTo("invalid_query");
        assertThat(error(bob, "before:2026-02-30")).isEqualTo("invalid_query");
        assertThat(error(bob, "   ")).isEqualTo("no_query");
        assertThat(catchThrowableOfType(SlackApiException.class, () -> world.search.files(bob.caller(),
                new SearchService.Request("is:wrong", null, false, false, 0, 1))).error()).isEqualTo("invalid_query");

    }

    @Test
    void filesAreFoundByTitleNameAndContentOnlyWhereTheCallerMayReadThem() {
        world.index(world.msg(general, bob, MARCH_15_5AM, "spec document"));
        world.file("F0SPEC", bob, MARCH_15_5AM, "spec.pdf", "Launch Spec", "the aardvark protocol", general);
        SearchWorld.Conversation secret = world.channel(T1, "C0SECRET", "secret", "group", bob);
        world.file("F0HIDDEN", bob, MARCH_15_5AM + 60, "plan.pdf", "Hidden Plan", "aardvark budget", secret);

        SearchService.FilePage byWord = world.search.files(ann.caller(), request("aardvark"));
        assertThat(byWord.total()).isEqualTo(1);
        assertThat(byWord.files()).extracting(f -> f.get("id")).containsExactly("F0SPEC");
        assertThat(byWord.files().getFirst().get("channels")).isEqualTo(List.of(general.id()));
        assertThat(world.search.files(ann.caller(), request("launch")).files()).extracting(f -> f.get("id"))
                .containsExactly("F0SPEC");
        assertThat(world.search.files(ann.caller(), request("spec.pdf")).files()).extracting(f -> f.get("id"))
                .containsExactly("F0SPEC");
        // The private channel's member finds both; a message is never a file, and has: conditions match no file.
        assertThat(world.search.files(bob.caller(), request("aardvark")).files()).extracting(f -> f.get("id"))
                .containsExactlyInAnyOrder("F0SPEC", "F0HIDDEN");
        assertThat(world.search.files(bob.caller(), request("document")).total()).isZero();
        assertThat(world.search.files(bob.caller(), request("aardvark has:pin")).total()).isZero();
        assertThat(world.search.files(bob.caller(), request("aardvark in:#secret")).files())
                .extracting(f -> f.get("id")).containsExactly("F0HIDDEN");
        // Ann never finds the hidden file, whatever she names.
        assertThat(world.search.files(ann.caller(), request("budget")).total()).isZero();
        assertThat(world.search.files(ann.caller(), request("aardvark in:#secret")).total()).isZero();
        // Highlighting marks the title.
        assertThat(world.search.files(ann.caller(), new SearchService.Request("launch", null, false, true, 0, 1))
                .files().getFirst().get("title")).isEqualTo("\uE000Launch\uE001 Spec");
    }

    private static SearchService.Request request(String query) {
        return new SearchService.Request(query, null, false, false, 0, 1);
    }
}
