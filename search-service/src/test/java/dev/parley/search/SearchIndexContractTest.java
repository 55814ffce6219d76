package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.search.SearchQuery.Has;
import dev.parley.search.SearchQuery.Sort;
import dev.parley.search.SearchQuery.Term;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The behaviour every {@link SearchIndex} adapter shares. A subclass supplies the index under test and says whether its
 * analyzer stems English words; everything else is the same for every adapter.
 *
 * <p>Each test instance gets workspace ids of its own, so an adapter whose index outlives a test (a shared cluster)
 * needs no cleaning between tests for them to be independent.
 */
public abstract class SearchIndexContractTest {

    protected static final String C1 = "C0ONE";
    protected static final String C2 = "C0TWO";
    protected static final String C3 = "C0THREE";

    /** The workspaces of this test: ids no other test uses. */
    protected final String ws = newWorkspaceId();
    protected final String otherWs = newWorkspaceId();

    /** The index under test: the same instance for the whole of a test method. */
    protected abstract SearchIndex index();

    /** Whether the adapter's analyzer stems English words, so that "deploying" finds "deployed". */
    protected abstract boolean stems();

    private static String newWorkspaceId() {
        return "T0" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36).toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------------------------------------- writes

    @Test
    void upsertReplacesTheDocumentWithTheSameKey() {
        index().upsert(List.of(msg(C1, 1, "zebra crossing ahead")));
        index().commit();
        assertThat(tsOf(search(q().words("zebra")))).containsExactly(ts(1));

        IndexedMessage edited = msg(C1, 1, "giraffe neck spotted");
        index().upsert(List.of(edited));
        index().upsert(List.of(edited));
        index().commit();

        assertThat(tsOf(search(q().words("giraffe")))).containsExactly(ts(1));
        assertThat(search(q().words("zebra")).total()).isZero();
        SearchHits all = search(q());
        assertThat(all.total()).isEqualTo(1);
        assertThat(all.hits().getFirst().message()).isEqualTo(edited);

        // The same ts in another channel is another message.
        index().upsert(List.of(msg(C2, 1, "giraffe neck spotted")));
        index().commit();
        assertThat(search(q().words("giraffe")).total()).isEqualTo(2);
    }

    @Test
    void storedDocumentsComeBackWhole() {
        IndexedMessage full = new IndexedMessage(ws, C1, ts(7), micros(7), ts(5), "U0AUTHOR", "B0BOT", "bot_message",
                "*Build* <@U0PEER> passed: <https://ci.example.com/42|link>", "Build passed link attachment words",
                List.of("U0PEER", "U0OTHER"), List.of("tada", "eyes"), true, List.of("F0ONE", "F0TWO"), true);
        IndexedMessage bare = new IndexedMessage(ws, C1, ts(8), micros(8), null, null, null, null, "plain", null,
                null, null, false, null, false);
        index().upsert(List.of(full, bare));
        index().commit();

        SearchHits hits = search(q().sort(Sort.TIMESTAMP, true));
        assertThat(hits.hits()).extracting(SearchHits.Hit::message).containsExactly(full, bare);
    }

    @Test
    void deleteRemovesTheKeysAndIgnoresMissingOnes() {
        IndexedMessage a = msg(C1, 1, "first note");
        IndexedMessage b = msg(C1, 2, "second note");
        index().upsert(List.of(a, b));
        index().commit();

        index().delete(List.of(a.key(), new IndexedMessage.Key(ws, C1, ts(99)),
                new IndexedMessage.Key(otherWs, C1, ts(1))));
        index().commit();
        assertThat(tsOf(search(q()))).containsExactly(ts(2));

        index().delete(List.of(a.key()));
        index().delete(List.of());
        index().commit();
        assertThat(tsOf(search(q()))).containsExactly(ts(2));
    }

    @Test
    void deleteChannelRemovesOnlyThatChannelOfThatWorkspace() {
        index().upsert(List.of(msg(C1, 1, "one"), msg(C1, 2, "two"), msg(C2, 3, "three"),
                msg(otherWs, C1, 4, "four")));
        index().commit();

        index().deleteChannel(ws, C1);
        index().commit();

        assertThat(tsOf(search(q()))).containsExactly(ts(3));
        assertThat(tsOf(search(q().workspace(otherWs)))).containsExactly(ts(4));

        index().deleteChannel(ws, C1);
        index().deleteChannel(ws, "C0NEVER");
        index().deleteChannel(newWorkspaceId(), C1);
        index().commit();
        assertThat(tsOf(search(q()))).containsExactly(ts(3));
    }

    @Test
    void commitMakesWritesVisibleAndAnUnknownWorkspaceFindsNothing() {
        assertThat(search(q().workspace(newWorkspaceId())).total()).isZero();
        assertThat(search(q().workspace(newWorkspaceId()).words("anything")).hits()).isEmpty();

        index().upsert(List.of(msg(C1, 1, "visible after commit")));
        index().commit();
        assertThat(tsOf(search(q().words("visible")))).containsExactly(ts(1));
        index().commit(); // committing with nothing pending is harmless
        assertThat(search(q()).total()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------- access

    @Test
    void anotherWorkspacesMessagesNeverMatchEvenInTheSameChannelId() {
        index().upsert(List.of(msg(C1, 1, "secret plans for the offsite")));
        index().upsert(List.of(msg(otherWs, C1, 1, "secret plans of the other company")));
        index().commit();

        SearchHits mine = search(q().words("secret"));
        assertThat(mine.total()).isEqualTo(1);
        assertThat(mine.hits().getFirst().message().workspaceId()).isEqualTo(ws);
        assertThat(mine.hits().getFirst().message().text()).isEqualTo("secret plans for the offsite");

        SearchHits theirs = search(q().workspace(otherWs).words("secret"));
        assertThat(theirs.total()).isEqualTo(1);
        assertThat(theirs.hits().getFirst().message().workspaceId()).isEqualTo(otherWs);

        index().delete(List.of(new IndexedMessage.Key(ws, C1, ts(1))));
        index().commit();
        assertThat(search(q().words("secret")).total()).isZero();
        assertThat(search(q().workspace(otherWs).words("secret")).total()).isEqualTo(1);
    }

    @Test
    void onlyReadableChannelsMatchAndNoneMeansNothing() {
        index().upsert(List.of(msg(C1, 1, "quarterly numbers"), msg(C2, 2, "quarterly numbers"),
                msg(C3, 3, "quarterly numbers")));
        index().commit();

        assertThat(tsOf(search(q().words("quarterly").readable(C1)))).containsExactly(ts(1));
        assertThat(tsOf(search(q().readable(C1, C3)))).containsExactlyInAnyOrder(ts(1), ts(3));
        assertThat(search(q().words("quarterly").readable()).total()).isZero();
        assertThat(search(q().readable()).hits()).isEmpty();
        assertThat(search(q().readable()).total()).isZero();

        // in: names channels the caller cannot read: still nothing from them.
        assertThat(search(q().readable(C1).in(C2)).total()).isZero();
        assertThat(tsOf(search(q().readable(C1, C2).in(C2, C3)))).containsExactly(ts(2));
    }

    // ---------------------------------------------------------------------------------------------- terms

    @Test
    void wordsAreAllRequired() {
        index().upsert(List.of(msg(C1, 1, "walrus pelican"), msg(C1, 2, "walrus octopus"),
                msg(C1, 3, "pelican octopus")));
        index().commit();

        assertThat(tsOf(search(q().words("walrus", "pelican")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().words("octopus", "pelican")))).containsExactly(ts(3));
        assertThat(tsOf(search(q().words("walrus")))).containsExactlyInAnyOrder(ts(1), ts(2));
        assertThat(search(q().words("walrus", "pelican", "octopus")).total()).isZero();
    }

    @Test
    void phrasesMatchTheirWordsInOrderNextToEachOther() {
        index().upsert(List.of(msg(C1, 1, "the release train leaves"), msg(C1, 2, "train the release crew"),
                msg(C1, 3, "release the train")));
        index().commit();

        assertThat(tsOf(search(q().terms(Term.phrase("release train"))))).containsExactly(ts(1));
        assertThat(tsOf(search(q().terms(Term.phrase("Train the Release"))))).containsExactly(ts(2));
        assertThat(tsOf(search(q().terms(Term.phrase("release"))))).hasSize(3);
    }

    @Test
    void prefixesMatchWordsStartingWithThem() {
        index().upsert(List.of(msg(C1, 1, "kubectl rollout restart"), msg(C1, 2, "kubernetes upgrade tonight"),
                msg(C1, 3, "a cube of ice")));
        index().commit();

        assertThat(tsOf(search(q().terms(Term.prefix("kube"))))).containsExactlyInAnyOrder(ts(1), ts(2));
        assertThat(tsOf(search(q().terms(Term.prefix("KUBER"))))).containsExactly(ts(2));
        assertThat(tsOf(search(q().terms(Term.prefix("roll"))))).containsExactly(ts(1));
        assertThat(marked(search(q().terms(Term.prefix("kubern")).highlight()).hits().getFirst().highlighted()))
                .containsExactly("kubernetes");
    }

    @Test
    void excludedTermsRemoveMatches() {
        index().upsert(List.of(msg(C1, 1, "lunch at noon"), msg(C1, 2, "lunch at one"),
                msg(C1, 3, "meeting at noon")));
        index().commit();

        assertThat(tsOf(search(q().terms(Term.word("lunch"), Term.word("noon").excluding()))))
                .containsExactly(ts(2));
        assertThat(tsOf(search(q().terms(Term.word("lunch"), Term.phrase("at noon").excluding()))))
                .containsExactly(ts(2));
        assertThat(tsOf(search(q().terms(Term.word("noon"), Term.prefix("lun").excluding()))))
                .containsExactly(ts(3));
    }

    @Test
    void aQueryOfOnlyExclusionsOrOnlyFiltersMatchesEverythingElseAllowed() {
        index().upsert(List.of(msg(C1, 1, "U0ANN", "lunch at noon"), msg(C1, 2, "U0BEN", "meeting at noon"),
                msg(C2, 3, "U0BEN", "standup notes")));
        index().commit();

        assertThat(tsOf(search(q().terms(Term.word("lunch").excluding()))))
                .containsExactlyInAnyOrder(ts(2), ts(3));
        assertThat(tsOf(search(q().from("U0BEN")))).containsExactlyInAnyOrder(ts(2), ts(3));
        assertThat(tsOf(search(q().in(C2)))).containsExactly(ts(3));
        assertThat(tsOf(search(q()))).hasSize(3);
    }

    // ---------------------------------------------------------------------------------------------- filters

    @Test
    void fromInAndToFiltersAcceptAnyOfTheirValues() {
        index().upsert(List.of(
                m(C1, 1, "U0ANN", "report one").withMentions("U0EVE").build(),
                m(C2, 2, "U0BEN", "report two").withMentions("U0FAY", "U0EVE").build(),
                m(C3, 3, "U0CAT", "report three").withMentions("U0GUS").build(),
                msg(C1, 4, "U0BEN", "report four")));
        index().commit();

        assertThat(tsOf(search(q().from("U0ANN", "U0CAT")))).containsExactlyInAnyOrder(ts(1), ts(3));
        assertThat(tsOf(search(q().in(C1, C3)))).containsExactlyInAnyOrder(ts(1), ts(3), ts(4));
        assertThat(tsOf(search(q().to("U0EVE")))).containsExactlyInAnyOrder(ts(1), ts(2));
        assertThat(tsOf(search(q().to("U0FAY", "U0GUS")))).containsExactlyInAnyOrder(ts(2), ts(3));
        assertThat(tsOf(search(q().from("U0BEN").in(C1)))).containsExactly(ts(4));
        assertThat(tsOf(search(q().from("U0BEN").to("U0EVE").words("report")))).containsExactly(ts(2));
        assertThat(search(q().from("U0NOBODY")).total()).isZero();
    }

    @Test
    void afterAndBeforeAreExclusive() {
        for (int i = 1; i <= 5; i++) {
            index().upsert(List.of(msg(C1, i, "tick " + i)));
        }
        index().commit();

        assertThat(tsOf(search(q().after(micros(2)).before(micros(5)))))
                .containsExactlyInAnyOrder(ts(3), ts(4));
        assertThat(tsOf(search(q().after(micros(4))))).containsExactly(ts(5));
        assertThat(tsOf(search(q().before(micros(2))))).containsExactly(ts(1));
        assertThat(search(q().after(micros(3)).before(micros(4))).total()).isZero();
    }

    @Test
    void hasConditionsFilterOnWhatAMessageHasOrIs() {
        index().upsert(List.of(
                msg(C1, 1, "plain words"),
                m(C1, 2, "a link").withLink().build(),
                m(C1, 3, "a file").withFiles("F0ONE").build(),
                m(C1, 4, "pinned and linked").withLink().withPin().build(),
                m(C1, 5, "reacted").withReactions("eyes").build(),
                m(C1, 6, "thread parent").inThread(6).build(),
                m(C1, 7, "thread reply").inThread(6).build()));
        index().commit();

        assertThat(tsOf(search(q().has(Has.LINK)))).containsExactlyInAnyOrder(ts(2), ts(4));
        assertThat(tsOf(search(q().has(Has.FILE)))).containsExactly(ts(3));
        assertThat(tsOf(search(q().has(Has.PIN)))).containsExactly(ts(4));
        assertThat(tsOf(search(q().has(Has.REACTION)))).containsExactly(ts(5));
        assertThat(tsOf(search(q().has(Has.THREAD)))).containsExactlyInAnyOrder(ts(6), ts(7));
        assertThat(tsOf(search(q().has(Has.LINK, Has.PIN)))).containsExactly(ts(4));
        assertThat(search(q().has(Has.FILE, Has.THREAD)).total()).isZero();
    }

    @Test
    void reactionsAreAllRequired() {
        index().upsert(List.of(
                m(C1, 1, "shipped").withReactions("tada", "eyes").build(),
                m(C1, 2, "shipped too").withReactions("tada").build(),
                m(C1, 3, "looking").withReactions("eyes", "fire").build()));
        index().commit();

        assertThat(tsOf(search(q().reactions("tada")))).containsExactlyInAnyOrder(ts(1), ts(2));
        assertThat(tsOf(search(q().reactions("tada", "eyes")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().reactions("eyes", "fire")))).containsExactly(ts(3));
        assertThat(search(q().reactions("tada", "fire")).total()).isZero();
    }

    // ---------------------------------------------------------------------------------------------- order, paging

    @Test
    void relevanceSortPutsBetterMatchesFirstAndBreaksTiesByRecency() {
        index().upsert(List.of(
                msg(C1, 1, "nebula"),
                msg(C1, 2, "nebula sighting over the hills tonight"),
                msg(C2, 3, "nebula sighting over the hills tonight"),
                msg(C3, 4, "nebula sighting over the hills tonight")));
        index().commit();

        SearchHits hits = search(q().words("nebula"));
        assertThat(tsOf(hits)).containsExactly(ts(1), ts(4), ts(3), ts(2));
        assertThat(hits.hits().getFirst().score()).isGreaterThan(hits.hits().get(1).score());
        assertThat(hits.hits().get(1).score()).isEqualTo(hits.hits().get(3).score());
    }

    @Test
    void timestampSortOrdersByTimeEitherWayWithoutScores() {
        index().upsert(List.of(msg(C1, 2, "nebula sighting"), msg(C1, 1, "nebula"), msg(C2, 3, "nebula nebula")));
        index().commit();

        SearchHits asc = search(q().words("nebula").sort(Sort.TIMESTAMP, true));
        assertThat(tsOf(asc)).containsExactly(ts(1), ts(2), ts(3));
        assertThat(asc.hits()).allSatisfy(h -> assertThat(h.score()).isZero());
        assertThat(tsOf(search(q().words("nebula").sort(Sort.TIMESTAMP, false))))
                .containsExactly(ts(3), ts(2), ts(1));
    }

    @Test
    void offsetAndLimitPageThroughTheMatchesWithTheirTotal() {
        List<IndexedMessage> many = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            many.add(msg(i % 2 == 0 ? C1 : C2, i, "paging fixture " + i));
        }
        index().upsert(many);
        index().upsert(List.of(msg(C3, 26, "not on the page")));
        index().commit();

        Q newest = q().words("fixture").sort(Sort.TIMESTAMP, false);
        SearchHits first = search(newest.page(0, 10));
        assertThat(first.total()).isEqualTo(25);
        assertThat(tsOf(first)).containsExactly(ts(25), ts(24), ts(23), ts(22), ts(21), ts(20), ts(19), ts(18),
                ts(17), ts(16));
        SearchHits last = search(newest.page(20, 10));
        assertThat(last.total()).isEqualTo(25);
        assertThat(tsOf(last)).containsExactly(ts(5), ts(4), ts(3), ts(2), ts(1));
        SearchHits none = search(newest.page(0, 0));
        assertThat(none.total()).isEqualTo(25);
        assertThat(none.hits()).isEmpty();
        SearchHits beyond = search(newest.page(30, 10));
        assertThat(beyond.total()).isEqualTo(25);
        assertThat(beyond.hits()).isEmpty();

        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < 25; offset += 7) {
            seen.addAll(tsOf(search(q().words("fixture").page(offset, 7))));
        }
        assertThat(seen).hasSize(25);
    }

    // ---------------------------------------------------------------------------------------------- highlights

    @Test
    void highlightsMarkTheMatchedWordsInTheWholeText() {
        String text = "Deploy done. We deploy again tomorrow, then rest";
        index().upsert(List.of(msg(C1, 1, text)));
        String mention = "<@U0PEER> can you review the migration?";
        index().upsert(List.of(msg(C1, 2, mention)));
        String longText = "word ".repeat(120) + "the needle is here at the very end";
        index().upsert(List.of(msg(C1, 3, longText)));
        index().commit();

        String highlighted = search(q().words("deploy").highlight()).hits().getFirst().highlighted();
        assertThat(unmarked(highlighted)).isEqualTo(text);
        assertThat(marked(highlighted)).containsExactly("Deploy", "deploy");

        assertThat(search(q().words("migration").highlight()).hits().getFirst().highlighted())
                .isEqualTo("<@U0PEER> can you review the \uE000migration\uE001?");

        String needle = search(q().words("needle").highlight()).hits().getFirst().highlighted();
        assertThat(unmarked(needle)).isEqualTo(longText);
        assertThat(marked(needle)).containsExactly("needle");
    }

    @Test
    void highlightsOfPhrasesMarkThePhrasesWordsOnly() {
        String text = "we shipped the release train today, release notes follow";
        index().upsert(List.of(msg(C1, 1, text)));
        index().commit();

        String highlighted = search(q().terms(Term.phrase("release train")).highlight()).hits().getFirst()
                .highlighted();
        assertThat(unmarked(highlighted)).isEqualTo(text);
        assertThat(markedWords(highlighted)).containsExactly("release", "train");
    }

    @Test
    void highlightIsNullUnlessAskedAndPlainWithoutWords() {
        index().upsert(List.of(msg(C1, 1, "ordinary words here")));
        index().commit();

        assertThat(search(q().words("ordinary")).hits().getFirst().highlighted()).isNull();
        assertThat(search(q().highlight()).hits().getFirst().highlighted()).isEqualTo("ordinary words here");
        assertThat(search(q().words("ordinary").sort(Sort.TIMESTAMP, false).highlight()).hits().getFirst()
                .highlighted()).isEqualTo("\uE000ordinary\uE001 words here");
    }

    // ---------------------------------------------------------------------------------------------- typos

    @Test
    void wordsOfFourLettersOrMoreTolerateTypos() {
        index().upsert(List.of(msg(C1, 1, "postgres vacuum finished"), msg(C1, 2, "redis cache warmed"),
                msg(C1, 3, "the api is down"), msg(C1, 4, "rollback complete"), msg(C1, 5, "bug triage")));
        index().commit();

        // Eight letters or more: two edits.
        assertThat(tsOf(search(q().words("postgers")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().words("posgtrse")))).containsExactly(ts(1));
        assertThat(marked(search(q().words("postgers").highlight()).hits().getFirst().highlighted()))
                .containsExactly("postgres");
        // Four to seven letters: one edit, not two.
        assertThat(tsOf(search(q().words("rdis")))).containsExactly(ts(2));
        assertThat(tsOf(search(q().words("redsi")))).containsExactly(ts(2));
        assertThat(tsOf(search(q().words("vacum")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().words("rolback")))).containsExactly(ts(4));
        assertThat(search(q().words("rolbak")).total()).isZero();
        assertThat(search(q().words("rdiss")).total()).isZero();
        // Under four letters: exact only.
        assertThat(tsOf(search(q().words("api")))).containsExactly(ts(3));
        assertThat(search(q().words("apu")).total()).isZero();
        assertThat(tsOf(search(q().words("bug")))).containsExactly(ts(5));
        assertThat(search(q().words("bag")).total()).isZero();
    }

    @Test
    void anExactMatchRanksAboveACorrectedOne() {
        index().upsert(List.of(msg(C1, 1, "deploy finished"), msg(C1, 2, "deplay finished")));
        index().commit();

        assertThat(tsOf(search(q().words("deploy")))).containsExactly(ts(1), ts(2));
        assertThat(tsOf(search(q().words("deplay")))).containsExactly(ts(2), ts(1));
    }

    // ---------------------------------------------------------------------------------------------- text

    @Test
    void matchingIgnoresCaseAndPunctuation() {
        index().upsert(List.of(msg(C1, 1, "Deploy FINISHED!!! (prod) -- see https://ci.example.com/builds/42"),
                msg(C1, 2, "nothing relevant")));
        index().commit();

        assertThat(tsOf(search(q().words("finished")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().words("PROD")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().words("Finished!")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().words("deploy", "prod")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().terms(Term.phrase("deploy, finished"))))).containsExactly(ts(1));
    }

    @Test
    void nonLatinTextIsFoundByItsWords() {
        index().upsert(List.of(
                msg(C1, 1, "Die Größe der Datenbank wächst schnell"),
                msg(C1, 2, "デプロイが完了しました"),
                msg(C1, 3, "서버 재시작 완료"),
                msg(C1, 4, "Plain English words")));
        index().commit();

        assertThat(tsOf(search(q().words("größe")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().words("Größe", "WÄCHST")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().words("datenbank")))).containsExactly(ts(1));
        assertThat(tsOf(search(q().words("デプロイ")))).containsExactly(ts(2));
        assertThat(tsOf(search(q().words("完了")))).containsExactly(ts(2));
        assertThat(tsOf(search(q().words("재시작")))).containsExactly(ts(3));
        assertThat(marked(search(q().words("größe").highlight()).hits().getFirst().highlighted()))
                .containsExactly("Größe");
    }

    // ---------------------------------------------------------------------------------------------- files

    @Test
    void filesAreFoundByNameTitleAndAWordInsideThem() {
        IndexedFile report = file("F0REPORT", 1, "U0WRITER", "q3-report.pdf", "Quarterly Report",
                "Revenue grew because of the flamingo initiative.", C1);
        IndexedFile notes = file("F0NOTES", 2, "U0WRITER", "notes.txt", "", "Standup notes about pelicans", C2);
        index().upsertFiles(List.of(report, notes));
        index().commit();

        assertThat(fileIds(index().searchFiles(q().words("flamingo").build()))).containsExactly("F0REPORT");
        assertThat(fileIds(index().searchFiles(q().words("quarterly").build()))).containsExactly("F0REPORT");
        assertThat(fileIds(index().searchFiles(q().words("notes.txt").build()))).containsExactly("F0NOTES");
        assertThat(fileIds(index().searchFiles(q().terms(Term.prefix("pelic")).build())))
                .containsExactly("F0NOTES");
        // A typo is forgiven as in messages.
        assertThat(fileIds(index().searchFiles(q().words("flamingp").build()))).containsExactly("F0REPORT");
        assertThat(index().searchFiles(q().words("flamingo").terms(Term.word("revenue").excluding()).build())
                .total()).isZero();
        // Stored whole; a file without a title is titled by its name.
        FileHits all = index().searchFiles(q().sort(Sort.TIMESTAMP, true).build());
        assertThat(all.total()).isEqualTo(2);
        assertThat(all.hits()).extracting(FileHits.Hit::file).containsExactly(report,
                file("F0NOTES", 2, "U0WRITER", "notes.txt", "notes.txt", "Standup notes about pelicans", C2));

        // Files and messages stay apart: neither search finds the other kind.
        index().upsert(List.of(msg(C1, 3, "flamingo sighting")));
        index().commit();
        assertThat(tsOf(search(q().words("flamingo")))).containsExactly(ts(3));
        assertThat(fileIds(index().searchFiles(q().words("flamingo").build()))).containsExactly("F0REPORT");
    }

    @Test
    void aFileMatchesOnlyThroughAReadableChannelItIsSharedIn() {
        index().upsertFiles(List.of(file("F0SECRET", 1, "U0WRITER", "plan.pdf", "Plan", "walrus budget", C2),
                file("F0BOTH", 2, "U0WRITER", "both.pdf", "Both", "walrus roadmap", C1, C2),
                file("F0NOWHERE", 3, "U0WRITER", "draft.pdf", "Draft", "walrus draft")));
        index().upsertFiles(List.of(file(otherWs, "F0OTHER", 4, "walrus elsewhere", C1)));
        index().commit();

        // Readable C1 only: the file shared in C1 and C2 shows, the one in C2 alone never does.
        assertThat(fileIds(index().searchFiles(q().words("walrus").readable(C1).build()))).containsExactly("F0BOTH");
        assertThat(index().searchFiles(q().words("budget").readable(C1, C3).build()).total()).isZero();
        assertThat(fileIds(index().searchFiles(q().words("walrus").build())))
                .containsExactlyInAnyOrder("F0SECRET", "F0BOTH");
        assertThat(index().searchFiles(q().words("walrus").readable().build()).total()).isZero();
        assertThat(fileIds(index().searchFiles(q().words("walrus").in(C2).build())))
                .containsExactlyInAnyOrder("F0SECRET", "F0BOTH");
        assertThat(index().searchFiles(q().words("walrus").readable(C1).in(C2).build()).total()).isZero();

        // Shared later in C1: found there after the upsert that says so.
        index().upsertFiles(List.of(file("F0SECRET", 1, "U0WRITER", "plan.pdf", "Plan", "walrus budget", C2, C1)));
        index().commit();
        assertThat(fileIds(index().searchFiles(q().words("budget").readable(C1).build()))).containsExactly("F0SECRET");

        // Deleting a channel removes its messages, not the files shared there.
        index().deleteChannel(ws, C2);
        index().commit();
        assertThat(fileIds(index().searchFiles(q().words("walrus").readable(C1).build())))
                .containsExactlyInAnyOrder("F0SECRET", "F0BOTH");
    }

    @Test
    void deletingFilesRemovesThemAndIgnoresMissingOnes() {
        index().upsertFiles(List.of(file("F0ONE", 1, "U0WRITER", "a.txt", "A", "narwhal", C1),
                file("F0TWO", 2, "U0WRITER", "b.txt", "B", "narwhal", C1)));
        index().commit();

        index().deleteFiles(List.of(new IndexedFile.Key(ws, "F0ONE"), new IndexedFile.Key(ws, "F0MISSING"),
                new IndexedFile.Key(otherWs, "F0TWO")));
        index().deleteFiles(List.of());
        index().commit();
        assertThat(fileIds(index().searchFiles(q().words("narwhal").build()))).containsExactly("F0TWO");
    }

    @Test
    void fileFiltersSortAndHighlightFollowTheMessageRules() {
        index().upsertFiles(List.of(file("F0A", 1, "U0ANN", "a.txt", "Otter census", "otter", C1),
                file("F0B", 2, "U0BOB", "b.txt", "Otter", "otter otter", C1),
                file("F0C", 3, "U0ANN", "c.txt", "Other", "otter", C2)));
        index().commit();

        assertThat(fileIds(index().searchFiles(q().words("otter").from("U0ANN").build())))
                .containsExactlyInAnyOrder("F0A", "F0C");
        assertThat(fileIds(index().searchFiles(q().words("otter").after(micros(1)).before(micros(3)).build())))
                .containsExactly("F0B");
        assertThat(fileIds(index().searchFiles(q().sort(Sort.TIMESTAMP, false).build())))
                .containsExactly("F0C", "F0B", "F0A");
        FileHits page = index().searchFiles(q().sort(Sort.TIMESTAMP, true).page(1, 1).build());
        assertThat(page.total()).isEqualTo(3);
        assertThat(fileIds(page)).containsExactly("F0B");
        // Conditions only messages have match no file.
        assertThat(index().searchFiles(q().words("otter").has(Has.LINK).build()).total()).isZero();

        FileHits marked = index().searchFiles(q().words("census").highlight().build());
        assertThat(fileIds(marked)).containsExactly("F0A");
        assertThat(marked(marked.hits().getFirst().highlightedTitle())).containsExactly("census");
        assertThat(index().searchFiles(q().words("census").build()).hits().getFirst().highlightedTitle()).isNull();
    }

    @Test
    void aRebuildCarriesFilesToo() {
        index().upsertFiles(List.of(file("F0OLD", 1, "U0WRITER", "old.txt", "Old", "gamma", C1)));
        index().commit();

        SearchIndex.Rebuild rebuild = index().rebuild(ws);
        index().upsertFiles(List.of(file("F0DURING", 2, "U0WRITER", "during.txt", "During", "gamma", C1)));
        rebuild.addFiles(List.of(file("F0REBUILT", 3, "U0WRITER", "rebuilt.txt", "Rebuilt", "gamma", C1)));
        index().commit();
        assertThat(fileIds(index().searchFiles(q().words("gamma").build())))
                .containsExactlyInAnyOrder("F0OLD", "F0DURING");

        rebuild.complete();
        assertThat(fileIds(index().searchFiles(q().words("gamma").build())))
                .containsExactlyInAnyOrder("F0DURING", "F0REBUILT");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rebuild.addFiles(List.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    protected IndexedFile file(String id, int n, String user, String name, String title, String text,
                               String... channels) {
        return new IndexedFile(ws, id, micros(n), user, name, title, "text", text, List.of(channels));
    }

    protected IndexedFile file(String workspace, String id, int n, String text, String... channels) {
        return new IndexedFile(workspace, id, micros(n), "U0WRITER", id + ".txt", id, "text", text,
                List.of(channels));
    }

    protected static List<String> fileIds(FileHits hits) {
        return hits.hits().stream().map(h -> h.file().fileId()).toList();
    }

    // ---------------------------------------------------------------------------------------------- rebuild

    @Test
    void aRebuildFillsANewGenerationWhileSearchesReadTheLiveOne() {
        index().upsert(List.of(msg(C1, 1, "kept alpha"), msg(C1, 2, "dropped alpha")));
        index().commit();

        SearchIndex.Rebuild rebuild = index().rebuild(ws);
        index().upsert(List.of(msg(C1, 3, "written during alpha")));
        index().delete(List.of(new IndexedMessage.Key(ws, C1, ts(2))));
        rebuild.add(List.of(msg(C1, 1, "kept alpha"), msg(C1, 4, "rebuilt alpha")));
        index().commit();

        // The live generation: the old documents with the live writes, not what the rebuild added.
        assertThat(tsOf(search(q().words("alpha")))).containsExactlyInAnyOrder(ts(1), ts(3));

        rebuild.complete();
        // The new generation: what the rebuild added plus the writes made meanwhile.
        assertThat(tsOf(search(q().words("alpha")))).containsExactlyInAnyOrder(ts(1), ts(3), ts(4));
        rebuild.abandon(); // does nothing after complete
        rebuild.close();
        assertThat(tsOf(search(q().words("alpha")))).containsExactlyInAnyOrder(ts(1), ts(3), ts(4));

        // Writes after the rebuild go to the generation now live.
        index().upsert(List.of(msg(C1, 5, "after alpha")));
        index().deleteChannel(ws, C2);
        index().commit();
        assertThat(tsOf(search(q().words("alpha")))).containsExactlyInAnyOrder(ts(1), ts(3), ts(4), ts(5));
    }

    @Test
    void writesDuringARebuildReachTheNewGenerationToo() {
        index().upsert(List.of(msg(C1, 1, "old beta"), msg(C2, 2, "channel beta")));
        index().commit();

        SearchIndex.Rebuild rebuild = index().rebuild(ws);
        rebuild.add(List.of(msg(C1, 1, "old beta"), msg(C2, 2, "channel beta"), msg(C1, 6, "stale beta")));
        index().upsert(List.of(msg(C1, 1, "edited beta")));
        index().delete(List.of(new IndexedMessage.Key(ws, C1, ts(6))));
        index().deleteChannel(ws, C2);
        index().commit();
        rebuild.complete();

        SearchHits hits = search(q().words("beta"));
        assertThat(tsOf(hits)).containsExactly(ts(1));
        assertThat(hits.hits().getFirst().message().text()).isEqualTo("edited beta");
    }

    @Test
    void abandoningARebuildKeepsTheLiveGeneration() {
        index().upsert(List.of(msg(C1, 1, "live gamma")));
        index().commit();

        try (SearchIndex.Rebuild rebuild = index().rebuild(ws)) {
            rebuild.add(List.of(msg(C1, 2, "rebuilt gamma")));
            index().upsert(List.of(msg(C1, 3, "during gamma")));
            index().commit();
        } // closing without complete abandons

        index().upsert(List.of(msg(C1, 4, "after gamma")));
        index().commit();
        assertThat(tsOf(search(q().words("gamma")))).containsExactlyInAnyOrder(ts(1), ts(3), ts(4));

        // A later rebuild starts empty: nothing of the abandoned one is in it.
        SearchIndex.Rebuild next = index().rebuild(ws);
        next.add(List.of(msg(C1, 5, "fresh gamma")));
        next.complete();
        assertThat(tsOf(search(q().words("gamma")))).containsExactly(ts(5));
    }

    @Test
    void aNewRebuildAbandonsTheOpenOne() {
        index().upsert(List.of(msg(C1, 1, "live delta")));
        index().commit();

        SearchIndex.Rebuild first = index().rebuild(ws);
        first.add(List.of(msg(C1, 2, "first delta")));
        SearchIndex.Rebuild second = index().rebuild(ws);
        first.abandon(); // already abandoned: must not disturb the second
        second.add(List.of(msg(C1, 3, "second delta")));
        assertThat(tsOf(search(q().words("delta")))).containsExactly(ts(1));
        second.complete();
        first.close();

        assertThat(tsOf(search(q().words("delta")))).containsExactly(ts(3));
    }

    @Test
    void aRebuildTouchesOnlyItsWorkspace() {
        index().upsert(List.of(msg(C1, 1, "epsilon here"), msg(otherWs, C1, 2, "epsilon there")));
        index().commit();

        try (SearchIndex.Rebuild rebuild = index().rebuild(newWorkspaceId())) {
            rebuild.add(List.of());
            rebuild.complete();
        }
        SearchIndex.Rebuild rebuild = index().rebuild(ws);
        rebuild.add(List.of(msg(C1, 3, "epsilon rebuilt")));
        index().upsert(List.of(msg(otherWs, C1, 4, "epsilon elsewhere")));
        index().commit();
        rebuild.complete();

        assertThat(tsOf(search(q().words("epsilon")))).containsExactly(ts(3));
        assertThat(tsOf(search(q().workspace(otherWs).words("epsilon")))).containsExactlyInAnyOrder(ts(2), ts(4));
    }

    // ---------------------------------------------------------------------------------------------- relevance

    @Test
    void relevanceAdjacentWordsRankAboveTheSameWordsApart() {
        Corpus corpus = loadCorpus();
        List<String> order = tsOf(search(corpus.query().words("release", "train")));
        assertThat(order).contains(corpus.ts("phrase-adjacent"), corpus.ts("phrase-scattered"));
        assertThat(order.indexOf(corpus.ts("phrase-adjacent"))).isLessThan(order.indexOf(corpus.ts("phrase-scattered")));
        // As a phrase, only the adjacent one.
        assertThat(tsOf(search(corpus.query().terms(Term.phrase("release train")))))
                .containsExactly(corpus.ts("phrase-adjacent"));
    }

    @Test
    void relevanceRecencyBreaksTiesBetweenEqualScores() {
        Corpus corpus = loadCorpus();
        List<String> order = tsOf(search(corpus.query().words("standup", "moved")));
        assertThat(order).startsWith(corpus.ts("tie-newer"), corpus.ts("tie-older"));
        assertThat(tsOf(search(corpus.query().words("standup", "moved").sort(Sort.TIMESTAMP, true))))
                .startsWith(corpus.ts("tie-older"), corpus.ts("tie-newer"));
    }

    @Test
    void relevanceStemmingFindsOtherFormsOfAWordWhereTheAdapterStems() {
        Corpus corpus = loadCorpus();
        List<String> found = tsOf(search(corpus.query().words("deploying", "ledger")));
        if (stems()) {
            assertThat(found).containsExactlyInAnyOrder(corpus.ts("stem-deployed"), corpus.ts("stem-deploying"),
                    corpus.ts("stem-deploys"));
            assertThat(found.getFirst()).isEqualTo(corpus.ts("stem-deploying"));
            SearchHits lit = search(corpus.query().words("deploying", "ledger").in("C0DEPLOYS")
                    .sort(Sort.TIMESTAMP, true).highlight());
            assertThat(lit.hits()).extracting(h -> marked(h.highlighted())).containsExactly(
                    List.of("deployed", "ledger"), List.of("deploying", "ledger"), List.of("ledger", "deploys"));
        } else {
            assertThat(found).containsExactly(corpus.ts("stem-deploying"));
        }
    }

    @Test
    void relevanceTyposFindTheWordMeant() {
        Corpus corpus = loadCorpus();
        Set<String> kubernetes = corpus.containingWord("kubernetes");
        assertThat(kubernetes).hasSizeGreaterThan(2);
        assertThat(tsOf(search(corpus.query().words("kubernets").page(0, 500)))).containsExactlyInAnyOrderElementsOf(kubernetes);
        assertThat(tsOf(search(corpus.query().words("Kubernetes").page(0, 500)))).containsExactlyInAnyOrderElementsOf(kubernetes);

        Set<String> postgres = corpus.containingWord("postgres");
        assertThat(postgres).isNotEmpty();
        assertThat(tsOf(search(corpus.query().words("postgrse", "replica").page(0, 500))))
                .containsExactlyInAnyOrderElementsOf(postgres);
    }

    @Test
    void relevanceFiltersAndWordsTogetherOnTheCorpus() {
        Corpus corpus = loadCorpus();
        SearchHits hits = search(corpus.query().words("rollout").in("C0DEPLOYS").sort(Sort.TIMESTAMP, false)
                .page(0, 500));
        Set<String> expected = corpus.containingWord("rollout");
        assertThat(expected).isNotEmpty();
        assertThat(tsOf(hits)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(hits.hits()).extracting(h -> h.message().tsMicros()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        // Readable narrows the same search to nothing when the channel is not readable.
        assertThat(search(corpus.query().words("rollout").readable("C0LUNCH", "C0GENERAL")).total()).isZero();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    protected SearchHits search(Q query) {
        return index().search(query.build());
    }

    protected static String ts(int n) {
        return String.format(Locale.ROOT, "%d.%06d", 1_700_000_000L + n, n);
    }

    protected static long micros(int n) {
        return (1_700_000_000L + n) * 1_000_000L + n;
    }

    protected IndexedMessage msg(String channel, int n, String text) {
        return m(channel, n, "U0WRITER", text).build();
    }

    protected IndexedMessage msg(String workspace, String channel, int n, String text) {
        return new Msg(workspace, channel, n, "U0WRITER", text).build();
    }

    protected IndexedMessage msg(String channel, int n, String user, String text) {
        return m(channel, n, user, text).build();
    }

    protected Msg m(String channel, int n, String user, String text) {
        return new Msg(ws, channel, n, user, text);
    }

    protected Msg m(String channel, int n, String text) {
        return m(channel, n, "U0WRITER", text);
    }

    protected static List<String> tsOf(SearchHits hits) {
        return hits.hits().stream().map(h -> h.message().ts()).toList();
    }

    private static final Pattern MARKED = Pattern.compile("\uE000([^\uE000\uE001]*)\uE001");

    /** The marked spans of a highlighted text, in order. */
    protected static List<String> marked(String highlighted) {
        assertThat(highlighted).isNotNull();
        List<String> spans = new ArrayList<>();
        Matcher m = MARKED.matcher(highlighted);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    /** The words inside marked spans: an adapter may mark a phrase as one span or word by word. */
    protected static List<String> markedWords(String highlighted) {
        return marked(highlighted).stream().flatMap(s -> Arrays.stream(s.trim().split("\\s+"))).toList();
    }

    protected static String unmarked(String highlighted) {
        return highlighted.replace("\uE000", "").replace("\uE001", "");
    }

    /** A message under construction, for the fields most tests leave empty. */
    protected static final class Msg {
        private final String workspace;
        private final String channel;
        private final int n;
        private final String user;
        private final String text;
        private String threadTs;
        private List<String> mentions = List.of();
        private List<String> reactions = List.of();
        private boolean link;
        private List<String> files = List.of();
        private boolean pin;

        Msg(String workspace, String channel, int n, String user, String text) {
            this.workspace = workspace;
            this.channel = channel;
            this.n = n;
            this.user = user;
            this.text = text;
        }

        public Msg inThread(int parent) { threadTs = ts(parent); return this; }
        public Msg withMentions(String... users) { mentions = List.of(users); return this; }
        public Msg withReactions(String... names) { reactions = List.of(names); return this; }
        public Msg withLink() { link = true; return this; }
        public Msg withFiles(String... ids) { files = List.of(ids); return this; }
        public Msg withPin() { pin = true; return this; }

        public IndexedMessage build() {
            return new IndexedMessage(workspace, channel, ts(n), micros(n), threadTs, user, null, null, text, null,
                    mentions, reactions, link, files, pin);
        }
    }

    protected Q q() {
        return new Q(ws);
    }

    /** A query under construction, reading the three test channels by default. */
    protected static final class Q {
        private String workspace;
        private Set<String> readable = Set.of(C1, C2, C3);
        private final List<Term> terms = new ArrayList<>();
        private Set<String> from = Set.of();
        private Set<String> in = Set.of();
        private Set<String> to = Set.of();
        private Long after;
        private Long before;
        private Set<Has> has = Set.of();
        private Set<String> reactions = Set.of();
        private Sort sort = Sort.SCORE;
        private boolean ascending;
        private int offset;
        private int limit = 100;
        private boolean highlight;

        Q(String workspace) {
            this.workspace = workspace;
        }

        public Q workspace(String id) { workspace = id; return this; }
        public Q readable(String... channels) { readable = Set.of(channels); return this; }
        public Q words(String... words) { Arrays.stream(words).map(Term::word).forEach(terms::add); return this; }
        public Q terms(Term... more) { terms.addAll(List.of(more)); return this; }
        public Q from(String... users) { from = Set.of(users); return this; }
        public Q in(String... channels) { in = Set.of(channels); return this; }
        public Q to(String... users) { to = Set.of(users); return this; }
        public Q after(long micros) { after = micros; return this; }
        public Q before(long micros) { before = micros; return this; }
        public Q has(Has... conditions) { has = Set.of(conditions); return this; }
        public Q reactions(String... names) { reactions = Set.of(names); return this; }
        public Q sort(Sort by, boolean asc) { sort = by; ascending = asc; return this; }
        public Q page(int from, int count) { offset = from; limit = count; return this; }
        public Q highlight() { highlight = true; return this; }

        public SearchQuery build() {
            return new SearchQuery(workspace, readable, terms, from, in, to, after, before, has, reactions, sort,
                    ascending, offset, limit, highlight);
        }
    }

    // ---------------------------------------------------------------------------------------------- corpus

    /** The fixed corpus of team chat under {@code search/corpus.jsonl}, indexed into this test's workspace. */
    protected final class Corpus {
        private final List<IndexedMessage> messages;
        private final Map<String, String> cases;
        private final Set<String> channels;

        Corpus(List<IndexedMessage> messages, Map<String, String> cases) {
            this.messages = messages;
            this.cases = cases;
            this.channels = new LinkedHashSet<>(messages.stream().map(IndexedMessage::channelId).toList());
        }

        /** The ts of the hand-written message of a relevance case. */
        String ts(String name) {
            assertThat(cases).containsKey(name);
            return cases.get(name);
        }

        Q query() {
            return q().readable(channels.toArray(String[]::new));
        }

        /** The ts of every message with this word, in any case, as a whole word. */
        Set<String> containingWord(String word) {
            Pattern p = Pattern.compile("(?iU)\\b" + Pattern.quote(word) + "\\b");
            Set<String> found = new HashSet<>();
            for (IndexedMessage m : messages) {
                if (p.matcher(m.text()).find()) {
                    found.add(m.ts());
                }
            }
            return found;
        }
    }

    protected Corpus loadCorpus() {
        JsonMapper json = JsonMapper.builder().build();
        List<IndexedMessage> messages = new ArrayList<>();
        Map<String, String> cases = new HashMap<>();
        try (var in = SearchIndexContractTest.class.getResourceAsStream("/search/corpus.jsonl")) {
            assertThat(in).as("search/corpus.jsonl on the test class path").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = json.readTree(line);
                String ts = row.get("ts").asString();
                String[] parts = ts.split("\\.");
                long micros = Long.parseLong(parts[0]) * 1_000_000L + Long.parseLong(parts[1]);
                List<String> reactions = new ArrayList<>();
                if (row.has("reactions")) {
                    row.get("reactions").forEach(r -> reactions.add(r.asString()));
                }
                messages.add(new IndexedMessage(ws, row.get("channel").asString(), ts, micros, null,
                        row.get("user").asString(), null, null, row.get("text").asString(), null, List.of(),
                        reactions, false, List.of(), false));
                if (row.has("case")) {
                    cases.put(row.get("case").asString(), ts);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(messages).hasSizeGreaterThan(200);
        for (int i = 0; i < messages.size(); i += 50) {
            index().upsert(messages.subList(i, Math.min(messages.size(), i + 50)));
        }
        index().commit();
        assertThat(search(q().readable(new LinkedHashSet<>(messages.stream().map(IndexedMessage::channelId).toList())
                .toArray(String[]::new)).page(0, 0)).total()).isEqualTo(messages.size());
        return new Corpus(messages, cases);
    }
}
