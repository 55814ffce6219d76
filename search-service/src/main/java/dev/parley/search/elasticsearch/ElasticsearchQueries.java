package dev.parley.search.elasticsearch;

import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.CHANNEL_ID;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.HAS_FILE;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.HAS_LINK;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.HAS_REACTION;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.IN_THREAD;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.KIND;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.KIND_FILE;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.MENTIONS;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.PINNED;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.REACTIONS;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.SEARCH_TEXT;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.TS_MICROS;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.USER_ID;
import static dev.parley.search.elasticsearch.ElasticsearchSearchIndex.WORKSPACE_ID;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.parley.search.SearchQuery;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Turns a {@link SearchQuery} into Elasticsearch's query DSL: terms as must/must_not, conditions as filters. */
final class ElasticsearchQueries {

    private ElasticsearchQueries() {
    }

    /** The query over messages, or with {@code files} over files: one index holds both, files marked by kind. */
    static Query toQuery(SearchQuery query, boolean files, float exactBoost, float phraseBoost) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (files) {
            bool.filter(f -> f.term(t -> t.field(KIND).value(KIND_FILE)));
        } else {
            bool.mustNot(n -> n.term(t -> t.field(KIND).value(KIND_FILE)));
        }
        // The index holds one workspace, but a misrouted alias must still not leak another's messages.
        bool.filter(f -> f.term(t -> t.field(WORKSPACE_ID).value(query.workspaceId())));
        // One channel both readable and named by in: (a file is in several; the one it matches through must be both).
        terms(bool, CHANNEL_ID, query.searchedChannels());
        if (!query.fromUsers().isEmpty()) {
            terms(bool, USER_ID, query.fromUsers());
        }
        if (!query.mentions().isEmpty()) {
            terms(bool, MENTIONS, query.mentions());
        }
        if (query.afterMicros() != null || query.beforeMicros() != null) {
            bool.filter(f -> f.range(r -> r.number(n -> {
                n.field(TS_MICROS);
                if (query.afterMicros() != null) {
                    n.gt(query.afterMicros().doubleValue());
                }
                if (query.beforeMicros() != null) {
                    n.lt(query.beforeMicros().doubleValue());
                }
                return n;
            })));
        }
        for (SearchQuery.Has has : query.has()) {
            String field = switch (has) {
                case LINK -> HAS_LINK;
                case FILE -> HAS_FILE;
                case PIN -> PINNED;
                case REACTION -> HAS_REACTION;
                case THREAD -> IN_THREAD;
            };
            bool.filter(f -> f.term(t -> t.field(field).value(true)));
        }
        for (String reaction : query.reactions()) {
            bool.filter(f -> f.term(t -> t.field(REACTIONS).value(reaction)));
        }
        List<String> requiredWords = query.terms().stream()
                .filter(t -> !t.excluded() && t.kind() == SearchQuery.Term.Kind.WORD)
                .map(SearchQuery.Term::text)
                .toList();
        for (SearchQuery.Term term : query.terms()) {
            if (term.excluded()) {
                bool.mustNot(exactly(SEARCH_TEXT, term));
            } else {
                bool.must(matching(SEARCH_TEXT, term, exactBoost));
            }
        }
        if (requiredWords.size() > 1) {
            // Optional beside the required words: it only lifts the messages where they stand together, in order.
            bool.should(s -> s.matchPhrase(p -> p.field(SEARCH_TEXT).query(String.join(" ", requiredWords))
                    .boost(phraseBoost)));
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    /**
     * What the highlighter marks in the shown {@code text}: the required terms only, as they match. Without it the
     * highlighter would take terms from every clause, filters included (a {@code has::eyes:} reaction filter would mark
     * the word "eyes"). Null when no term is required, so that the text comes back unmarked.
     */
    static Query highlightQuery(SearchQuery query, String shownField) {
        List<SearchQuery.Term> required = query.terms().stream().filter(t -> !t.excluded()).toList();
        if (required.isEmpty()) {
            return null;
        }
        return Query.of(q -> q.bool(b -> {
            required.forEach(term -> b.should(matching(shownField, term, 1f)));
            return b;
        }));
    }

    private static Query matching(String field, SearchQuery.Term term, float exactBoost) {
        return term.kind() == SearchQuery.Term.Kind.WORD ? word(field, term.text(), exactBoost) : exactly(field, term);
    }

    /**
     * A word, exactly or with typos by its length (not Elasticsearch's AUTO, which allows one edit from three letters
     * and two from six): none under four letters, one up to seven, two beyond; the exact match scores higher.
     */
    static Query word(String field, String word, float exactBoost) {
        int edits = edits(word);
        Query exact = Query.of(q -> q.match(m -> m.field(field).query(word).operator(Operator.And)
                .boost(exactBoost)));
        if (edits == 0) {
            return exact;
        }
        Query fuzzy = Query.of(q -> q.match(m -> m.field(field).query(word).operator(Operator.And)
                .fuzziness(String.valueOf(edits))));
        return Query.of(q -> q.bool(b -> b.should(exact).should(fuzzy).minimumShouldMatch("1")));
    }

    static int edits(String word) {
        int letters = (int) word.codePoints().filter(Character::isLetterOrDigit).count();
        return letters < 4 ? 0 : letters <= 7 ? 1 : 2;
    }

    /** A term matched without typos: what exclusions, phrases and prefixes use. */
    private static Query exactly(String field, SearchQuery.Term term) {
        return switch (term.kind()) {
            case WORD -> Query.of(q -> q.match(m -> m.field(field).query(term.text()).operator(Operator.And)));
            case PHRASE -> Query.of(q -> q.matchPhrase(m -> m.field(field).query(term.text())));
            // Prefix queries are not analyzed; the analyzers index words in lower case.
            case PREFIX -> Query.of(q -> q.prefix(p -> p.field(field).value(term.text().toLowerCase(Locale.ROOT))));
        };
    }

    private static void terms(BoolQuery.Builder bool, String field, Collection<String> values) {
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        bool.filter(f -> f.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
    }
}
