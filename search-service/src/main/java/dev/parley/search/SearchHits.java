package dev.parley.search;

import java.util.List;

/**
 * One page of a search's matches and how many there are in all.
 *
 * @param total how many messages match the query, across all pages
 * @param hits  the page, in the query's order
 */
public record SearchHits(long total, List<Hit> hits) {

    public static final SearchHits NONE = new SearchHits(0, List.of());

    public SearchHits {
        hits = List.copyOf(hits);
    }

    /**
     * One match.
     *
     * @param message     the message as indexed
     * @param score       its relevance (0 when sorted by time)
     * @param highlighted the text with each matched word between {@link SearchQuery#HIGHLIGHT_START} and
     *                    {@link SearchQuery#HIGHLIGHT_END}, when the query asked for highlights (the text as it is
     *                    when no word of it matched, as for a query without words); else null
     */
    public record Hit(IndexedMessage message, double score, String highlighted) {
    }
}
