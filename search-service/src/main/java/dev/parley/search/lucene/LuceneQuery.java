package dev.parley.search.lucene;

import static dev.parley.search.lucene.LuceneSearchIndex.BODY;
import static dev.parley.search.lucene.LuceneSearchIndex.CHANNEL;
import static dev.parley.search.lucene.LuceneSearchIndex.HAS;
import static dev.parley.search.lucene.LuceneSearchIndex.ID;
import static dev.parley.search.lucene.LuceneSearchIndex.KIND;
import static dev.parley.search.lucene.LuceneSearchIndex.KIND_FILE;
import static dev.parley.search.lucene.LuceneSearchIndex.MENTION;
import static dev.parley.search.lucene.LuceneSearchIndex.REACTION;
import static dev.parley.search.lucene.LuceneSearchIndex.TS;
import static dev.parley.search.lucene.LuceneSearchIndex.USER;

import dev.parley.search.SearchQuery;
import dev.parley.search.SearchQuery.Term;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A {@link SearchQuery} in Lucene's terms: the query that matches and scores, the part of it a highlighter marks, and
 * the sort. Null {@link #query} when nothing can match (no readable channel, an empty time range).
 */
record LuceneQuery(Query query, Query highlight, Sort sort) {

    /** Exact forms score well above stems, stems above typo corrections, so the closest match leads. */
    static final float EXACT_BOOST = 4f;
    static final float STEM_BOOST = 2f;
    static final float FUZZY_BOOST = 1f;
    /** The bonus of a message holding consecutive query words next to each other, as the query has them. */
    static final float ADJACENT_BOOST = 2f;

    /** The query over messages, or with {@code files} over files: one index holds both, files marked by kind. */
    static LuceneQuery of(SearchQuery q, boolean files) {
        Sort sort = q.sort() == SearchQuery.Sort.SCORE
                ? new Sort(SortField.FIELD_SCORE, new SortField(TS, SortField.Type.LONG, true),
                        new SortField(ID, SortField.Type.STRING))
                : new Sort(new SortField(TS, SortField.Type.LONG, !q.ascending()),
                        new SortField(ID, SortField.Type.STRING, !q.ascending()));
        if (q.readable().isEmpty()) {
            return new LuceneQuery(null, null, sort);
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        BooleanQuery.Builder marked = new BooleanQuery.Builder();
        // One channel both readable and named by in: (a file is in several; the one it matches through must be both).
        Set<String> channels = q.searchedChannels();
        if (channels.isEmpty()) {
            return new LuceneQuery(null, null, sort);
        }
        all.add(anyOf(CHANNEL, channels), Occur.FILTER);
        all.add(new TermQuery(new org.apache.lucene.index.Term(KIND, KIND_FILE)),
                files ? Occur.FILTER : Occur.MUST_NOT);
        if (!q.fromUsers().isEmpty()) {
            all.add(anyOf(USER, q.fromUsers()), Occur.FILTER);
        }
        if (!q.mentions().isEmpty()) {
            all.add(anyOf(MENTION, q.mentions()), Occur.FILTER);
        }
        for (String reaction : q.reactions()) {
            all.add(new TermQuery(new org.apache.lucene.index.Term(REACTION, reaction)), Occur.FILTER);
        }
        for (SearchQuery.Has has : q.has()) {
            all.add(new TermQuery(new org.apache.lucene.index.Term(HAS, hasValue(has))), Occur.FILTER);
        }
        if (q.afterMicros() != null || q.beforeMicros() != null) {
            long after = q.afterMicros() == null ? Long.MIN_VALUE : q.afterMicros();
            long before = q.beforeMicros() == null ? Long.MAX_VALUE : q.beforeMicros();
            if (after == Long.MAX_VALUE || before == Long.MIN_VALUE || after + 1 > before - 1) {
                return new LuceneQuery(null, null, sort);
            }
            all.add(LongPoint.newRangeQuery(TS, q.afterMicros() == null ? Long.MIN_VALUE : after + 1,
                    q.beforeMicros() == null ? Long.MAX_VALUE : before - 1), Occur.FILTER);
        }

        List<String> run = new ArrayList<>(); // consecutive required one-term words, for the adjacency bonus
        boolean anyMarked = false;
        for (Term term : q.terms()) {
            List<String> exact = MessageAnalysis.terms(MessageAnalysis.EXACT, term.text());
            if (term.excluded()) {
                addAdjacencyBonus(run, all);
                if (!exact.isEmpty()) {
                    all.add(exclusion(term.kind(), exact), Occur.MUST_NOT);
                }
                continue;
            }
            if (exact.isEmpty()) {
                continue; // only punctuation: nothing to look for
            }
            Query match = switch (term.kind()) {
                case WORD -> word(term.text(), exact);
                case PHRASE -> phrase(exact);
                case PREFIX -> prefix(exact);
            };
            all.add(match, Occur.MUST);
            marked.add(match, Occur.SHOULD);
            anyMarked = true;
            if (term.kind() == Term.Kind.WORD && exact.size() == 1) {
                run.add(exact.getFirst());
            } else {
                addAdjacencyBonus(run, all);
            }
        }
        addAdjacencyBonus(run, all);
        return new LuceneQuery(all.build(), anyMarked ? marked.build() : null, sort);
    }

    /** The term of the {@code has} field that stands for a condition. */
    static String hasValue(SearchQuery.Has has) {
        return has.name().toLowerCase(Locale.ROOT);
    }

    private static Query anyOf(String field, Collection<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    /** The word itself, its stem, and for longer words the words a typo or two away, each scoring less. */
    private static Query word(String text, List<String> exact) {
        if (exact.size() > 1) {
            return phrase(exact); // a word the tokenizer splits ("prod-eu", Japanese) matches as its pieces in order
        }
        String form = exact.getFirst();
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        any.add(new BoostQuery(new TermQuery(new org.apache.lucene.index.Term(BODY, form)), EXACT_BOOST), Occur.SHOULD);
        List<String> stems = MessageAnalysis.terms(MessageAnalysis.STEM, text);
        if (stems.size() == 1 && !stems.getFirst().equals(form)) {
            any.add(new BoostQuery(new TermQuery(new org.apache.lucene.index.Term(BODY, stems.getFirst())), STEM_BOOST),
                    Occur.SHOULD);
        }
        int edits = typosAllowed(form);
        if (edits > 0) {
            any.add(new BoostQuery(new FuzzyQuery(new org.apache.lucene.index.Term(BODY, form), edits, 0,
                    FuzzyQuery.defaultMaxExpansions, true), FUZZY_BOOST), Occur.SHOULD);
        }
        return any.build();
    }

    /** Slack's rule, and Elasticsearch's AUTO:4,8: none under four letters, one up to seven, two beyond. */
    static int typosAllowed(String word) {
        int letters = word.codePointCount(0, word.length());
        return letters < 4 ? 0 : letters <= 7 ? 1 : 2;
    }

    private static Query phrase(List<String> exact) {
        if (exact.size() == 1) {
            return new TermQuery(new org.apache.lucene.index.Term(BODY, exact.getFirst()));
        }
        return new PhraseQuery(BODY, exact.toArray(String[]::new));
    }

    private static Query prefix(List<String> exact) {
        if (exact.size() == 1) {
            return new PrefixQuery(new org.apache.lucene.index.Term(BODY, exact.getFirst()));
        }
        // "prod-e": the whole pieces as they are, the last one as a prefix.
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String piece : exact.subList(0, exact.size() - 1)) {
            all.add(new TermQuery(new org.apache.lucene.index.Term(BODY, piece)), Occur.MUST);
        }
        all.add(new PrefixQuery(new org.apache.lucene.index.Term(BODY, exact.getLast())), Occur.MUST);
        return all.build();
    }

    /** What an excluded term removes: the word as written (not its stem or typos), the phrase, the prefix. */
    private static Query exclusion(Term.Kind kind, List<String> exact) {
        return kind == Term.Kind.PREFIX ? prefix(exact) : phrase(exact);
    }

    private static void addAdjacencyBonus(List<String> run, BooleanQuery.Builder all) {
        if (run.size() >= 2) {
            all.add(new BoostQuery(new PhraseQuery(BODY, run.toArray(String[]::new)), ADJACENT_BOOST), Occur.SHOULD);
        }
        run.clear();
    }
}
