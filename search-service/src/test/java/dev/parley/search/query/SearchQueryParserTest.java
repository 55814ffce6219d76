package dev.parley.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.common.api.SlackApiException;
import dev.parley.search.SearchQuery.Has;
import dev.parley.search.SearchQuery.Term;
import dev.parley.search.query.ParsedQuery.ChannelRef;
import dev.parley.search.query.ParsedQuery.DayRange;
import dev.parley.search.query.ParsedQuery.UserRef;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchQueryParserTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    private static ParsedQuery parse(String query) {
        return SearchQueryParser.parse(query);
    }

    private static SlackApiException refused(String query) {
        return catchThrowableOfType(SlackApiException.class, () -> SearchQueryParser.parse(query));
    }

    @SuppressWarnings("unchecked")
    private static String detail(SlackApiException e) {
        Map<String, Object> metadata = (Map<String, Object>) e.extra().get("response_metadata");
        return ((List<String>) metadata.get("messages")).getFirst();
    }

    @Test
    void wordsPhrasesPrefixesAndExclusionsInTheirOrder() {
        ParsedQuery q = parse("deploy \"build failed\" roll* -flaky -\"known issue\" -tmp*");

        assertThat(q.terms()).containsExactly(Term.word("deploy"), Term.phrase("build failed"), Term.prefix("roll"),
                Term.word("flaky").excluding(), Term.phrase("known issue").excluding(),
                Term.prefix("tmp").excluding());
        assertThat(q.from()).isEmpty();
        assertThat(q.in()).isEmpty();
        assertThat(q.dates()).isEmpty();
    }

    @Test
    void aPhraseKeepsItsWordsWithSpacesSqueezedAndAnUnclosedQuoteRunsToTheEnd() {
        assertThat(parse("\"  build   failed \"").terms()).containsExactly(Term.phrase("build failed"));
        assertThat(parse("error \"out of memory").terms())
                .containsExactly(Term.word("error"), Term.phrase("out of memory"));
    }

    @Test
    void textWithoutLettersOrDigitsIsLeftOutAndUnknownModifiersAreWords() {
        assertThat(parse("- -- * \"\" ok").terms()).containsExactly(Term.word("ok"));
        assertThat(parse("http://example.com 10:30 foo:bar").terms())
                .containsExactly(Term.word("http://example.com"), Term.word("10:30"), Term.word("foo:bar"));
    }

    @Test
    void fromNamesHandlesMentionsIdsAndMe() {
        ParsedQuery q = parse("from:@Alice from:bob from:<@U0ABC123> from:<@W0XYZ|Ann Lee> from:me from:@me from:U0DEF");

        assertThat(q.from()).containsExactly(new UserRef.Name("alice"), new UserRef.Name("bob"),
                new UserRef.Id("U0ABC123"), new UserRef.Id("W0XYZ"), new UserRef.Me(), new UserRef.Me(),
                new UserRef.Id("U0DEF"));
        assertThat(q.terms()).isEmpty();
    }

    @Test
    void inNamesChannelsByNameOrIdAndDirectMessagesByPerson() {
        ParsedQuery q = parse("in:#General in:random in:<#C0ABC|general> in:C0DEF in:@carol in:<@U0ABC> in:me -in:#noise");

        assertThat(q.in()).containsExactly(new ChannelRef.Name("general"), new ChannelRef.Name("random"),
                new ChannelRef.Id("C0ABC"), new ChannelRef.Id("C0DEF"),
                new ChannelRef.Direct(new UserRef.Name("carol")), new ChannelRef.Direct(new UserRef.Id("U0ABC")),
                new ChannelRef.Direct(new UserRef.Me()));
        assertThat(q.notIn()).containsExactly(new ChannelRef.Name("noise"));
    }

    @Test
    void toNamesThePeopleAMessageMentions() {
        assertThat(parse("to:@dave to:me to:<@U0ABC>").to())
                .containsExactly(new UserRef.Name("dave"), new UserRef.Me(), new UserRef.Id("U0ABC"));
    }

    @Test
    void hasAndIsConditions() {
        ParsedQuery q = parse("has:link has:FILES has:pin has:reaction has::tada: has::+1::skin-tone-3: is:thread");

        assertThat(q.has()).containsExactlyInAnyOrder(Has.LINK, Has.FILE, Has.PIN, Has.REACTION, Has.THREAD);
        assertThat(q.reactions()).containsExactlyInAnyOrder("tada", "+1");
        assertThat(q.saved()).isFalse();
        assertThat(parse("is:saved").saved()).isTrue();
    }

    @Test
    void aQueryOfOnlyFiltersHasNoTerms() {
        ParsedQuery q = parse("in:#general from:@alice after:2026-01-01");

        assertThat(q.terms()).isEmpty();
        assertThat(q.in()).hasSize(1);
        assertThat(q.from()).hasSize(1);
        assertThat(q.days(TODAY)).contains(new DayRange(LocalDate.of(2026, 1, 2), null));
    }

    @Test
    void beforeAndAfterExcludeTheDayNamedAndOnIsThatDay() {
        assertThat(parse("before:2026-03-15").days(TODAY)).contains(new DayRange(null, LocalDate.of(2026, 3, 15)));
        assertThat(parse("after:2026-03-15").days(TODAY)).contains(new DayRange(LocalDate.of(2026, 3, 16), null));
        assertThat(parse("on:2026-03-15").days(TODAY))
                .contains(new DayRange(LocalDate.of(2026, 3, 15), LocalDate.of(2026, 3, 16)));
        assertThat(parse("after:2026-03-01 before:2026-03-10").days(TODAY))
                .contains(new DayRange(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 10)));
        assertThat(parse("hello").days(TODAY)).isEmpty();
    }

    @Test
    void todayAndYesterdayAreTheCallersDays() {
        assertThat(parse("on:today").days(TODAY)).contains(new DayRange(TODAY, TODAY.plusDays(1)));
        assertThat(parse("on:Yesterday").days(TODAY)).contains(new DayRange(TODAY.minusDays(1), TODAY));
        assertThat(parse("after:yesterday").days(TODAY)).contains(new DayRange(TODAY, null));
        assertThat(parse("before:today").days(TODAY)).contains(new DayRange(null, TODAY));
    }

    @Test
    void duringTakesAMonthOrAYear() {
        assertThat(parse("during:2026-02").days(TODAY))
                .contains(new DayRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1)));
        assertThat(parse("during:2025").days(TODAY))
                .contains(new DayRange(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)));
        assertThat(parse("during:march").days(TODAY)).as("a month already begun this year")
                .contains(new DayRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)));
        assertThat(parse("during:Dec").days(TODAY)).as("a month not yet begun: last year's")
                .contains(new DayRange(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 1, 1)));
        assertThat(parse("during:november").days(TODAY)).as("the current month")
                .contains(new DayRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)));
    }

    @Test
    void contradictoryDatesMakeAnEmptyRangeNotAnError() {
        DayRange range = parse("before:2026-01-01 after:2026-06-01").days(TODAY).orElseThrow();

        assertThat(range.isEmpty()).isTrue();
        assertThat(parse("on:2026-01-01").days(TODAY).orElseThrow().isEmpty()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-", "\"\"", "* -"})
    void aBlankQueryIsNoQuery(String query) {
        assertThat(refused(query).error()).isEqualTo("no_query");
        assertThat(catchThrowableOfType(SlackApiException.class, () -> SearchQueryParser.parse(null)).error())
                .isEqualTo("no_query");
    }

    @Test
    void unknownModifierValuesAreRefusedSayingWhatIsWrong() {
        SlackApiException banana = refused("deploy has:banana");
        assertThat(banana.error()).isEqualTo("invalid_query");
        assertThat(detail(banana)).startsWith("[ERROR] has: takes link").contains("'banana'");

        assertThat(detail(refused("is:dm"))).contains("is: takes thread or saved");
        assertThat(detail(refused("has::not an emoji"))).contains("has:");
        assertThat(detail(refused("from:"))).contains("from: needs a value");
        assertThat(detail(refused("from:@"))).contains("from: takes a person");
        assertThat(detail(refused("in:#bad/name"))).contains("in: takes a channel");
        assertThat(detail(refused("-from:@alice"))).contains("only in: can be excluded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"before:2026-13-01", "after:2026-02-30", "on:tomorrow", "during:2026-00", "on:1969-12-31",
            "during:20260", "before:15/03/2026", "on:"})
    void badDatesAreRefused(String query) {
        SlackApiException e = refused(query);

        assertThat(e.error()).isEqualTo("invalid_query");
        assertThat(detail(e)).startsWith("[ERROR] " + query.substring(0, query.indexOf(':') + 1));
    }

    @Test
    void overlongQueriesAreRefusedNotCut() {
        assertThat(refused("a".repeat(SearchQueryParser.MAX_LENGTH + 1)).error()).isEqualTo("invalid_query");
        assertThat(refused("w ".repeat(SearchQueryParser.MAX_PARTS + 1)).error()).isEqualTo("invalid_query");
        assertThat(parse("w ".repeat(SearchQueryParser.MAX_PARTS)).terms()).hasSize(SearchQueryParser.MAX_PARTS);
    }

    @Test
    void modifierKeysIgnoreCase() {
        ParsedQuery q = parse("FROM:@alice In:#general HAS:link");

        assertThat(q.from()).containsExactly(new UserRef.Name("alice"));
        assertThat(q.in()).containsExactly(new ChannelRef.Name("general"));
        assertThat(q.has()).containsExactly(Has.LINK);
    }
}
