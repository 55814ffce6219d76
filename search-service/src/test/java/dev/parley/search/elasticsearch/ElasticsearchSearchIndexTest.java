package dev.parley.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.search.IndexedMessage;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchHits;
import dev.parley.search.SearchIndexContractTest;
import dev.parley.search.SearchQuery.Term;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Elasticsearch adapter against a real Elasticsearch 8.19 node shared by the module's tests
 * ({@link TestElasticsearch}). The test node has only the
 * standard analyzer, which does not stem.
 */
class ElasticsearchSearchIndexTest extends SearchIndexContractTest {

    private static final String PREFIX = "parley-test-";

    private ElasticsearchSearchIndex index;

    @BeforeEach
    void openIndex() {
        index = TestElasticsearch.index(PREFIX);
    }

    @AfterEach
    void closeIndex() {
        index.close();
    }

    @Override
    protected SearchIndex index() {
        return index;
    }

    @Override
    protected boolean stems() {
        return false;
    }

    @Test
    void aWorkspaceIsReadThroughItsAliasAndARebuildMovesItToTheNextGeneration() throws Exception {
        String alias = PREFIX + ws.toLowerCase(Locale.ROOT);
        index.upsert(List.of(msg(C1, 1, "first generation")));
        index.commit();
        assertThat(get("/_alias/" + alias)).contains("\"" + alias + "-1\"").doesNotContain(alias + "-2");
        assertThat(get("/" + alias + "-1/_mapping"))
                .contains("\"ts_micros\":{\"type\":\"long\"}")
                .contains("\"channel_id\":{\"type\":\"keyword\"}")
                .contains("\"pinned\":{\"type\":\"boolean\"}")
                .contains("\"dynamic\":\"strict\"");
        assertThat(get("/" + alias + "-1/_doc/" + new IndexedMessage.Key(ws, C1, ts(1)).id().replace(":", "%3A")))
                .contains("\"found\":true");

        SearchIndex.Rebuild rebuild = index.rebuild(ws);
        assertThat(get("/_cat/indices/" + alias + "-*?h=index")).contains(alias + "-1", alias + "-2");
        rebuild.add(List.of(msg(C1, 2, "second generation")));
        rebuild.complete();

        assertThat(get("/_alias/" + alias)).contains("\"" + alias + "-2\"").doesNotContain(alias + "-1\"");
        assertThat(status("/" + alias + "-1")).isEqualTo(404);
        assertThat(tsOf(search(q().words("generation")))).containsExactly(ts(2));
    }

    @Test
    void deletesInAWorkspaceWithoutAnIndexCreateNone() throws Exception {
        index.delete(List.of(new IndexedMessage.Key(ws, C1, ts(1))));
        index.deleteChannel(ws, C1);
        index.commit();
        // A fence: a write to the other workspace creates its index, then the first still has none.
        index.upsert(List.of(msg(otherWs, C1, 1, "here")));
        index.commit();
        assertThat(status("/" + PREFIX + otherWs.toLowerCase(Locale.ROOT))).isEqualTo(200);
        assertThat(status("/" + PREFIX + ws.toLowerCase(Locale.ROOT))).isEqualTo(404);
    }

    @Test
    void highlightsMarkTheSearchedWordsNotTheValuesOfFilters() {
        index.upsert(List.of(m(C1, 1, "shipped, all eyes on prod").withReactions("eyes").build()));
        index.commit();

        SearchHits hits = search(q().words("shipped").reactions("eyes").highlight());
        assertThat(tsOf(hits)).containsExactly(ts(1));
        assertThat(marked(hits.hits().getFirst().highlighted())).containsExactly("shipped");
        // Excluded words are not marked either.
        SearchHits excluding = search(q().terms(Term.word("shipped"), Term.word("staging").excluding()).highlight());
        assertThat(marked(excluding.hits().getFirst().highlighted())).containsExactly("shipped");
    }

    @Test
    void pagesPastTheResultWindowAreEmptyWithTheirTotal() {
        index.upsert(List.of(msg(C1, 1, "only one"), msg(C1, 2, "only two")));
        index.commit();

        SearchHits beyond = search(q().page(ElasticsearchSearchIndex.MAX_RESULT_WINDOW, 10));
        assertThat(beyond.total()).isEqualTo(2);
        assertThat(beyond.hits()).isEmpty();
        SearchHits straddling = search(q().page(ElasticsearchSearchIndex.MAX_RESULT_WINDOW - 5, 100));
        assertThat(straddling.total()).isEqualTo(2);
        assertThat(straddling.hits()).isEmpty();
    }

    @Test
    void anAnalyzerTheClusterLacksIsRefusedNamingIt() {
        // The test distribution has no analysis-common module, hence no language analyzers (see the README).
        try (ElasticsearchSearchIndex english = ElasticsearchSearchConfiguration.create(TestElasticsearch.node().url(), PREFIX, "english")) {
            assertThatThrownBy(() -> english.upsert(List.of(msg(C1, 1, "deploying"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("analyzer english");
        }
        // Nothing was indexed, so no other adapter sees a half-made index either.
        assertThat(search(q()).total()).isZero();
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private static int status(String path) throws IOException, InterruptedException {
        return send(path).statusCode();
    }

    private static HttpResponse<String> send(String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(TestElasticsearch.node().url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
