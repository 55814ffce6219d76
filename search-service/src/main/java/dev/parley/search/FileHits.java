package dev.parley.search;

import java.util.List;

/**
 * One page of a file search's matches and how many there are in all.
 *
 * @param total how many files match the query, across all pages
 * @param hits  the page, in the query's order
 */
public record FileHits(long total, List<Hit> hits) {

    public static final FileHits NONE = new FileHits(0, List.of());

    public FileHits {
        hits = List.copyOf(hits);
    }

    /**
     * One match.
     *
     * @param file             the file as indexed
     * @param score            its relevance (0 when sorted by time)
     * @param highlightedTitle the title with matched words marked as in {@link SearchHits.Hit#highlighted}, when the
     *                         query asked for highlights; else null
     */
    public record Hit(IndexedFile file, double score, String highlightedTitle) {
    }
}
