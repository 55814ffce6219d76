package dev.parley.search;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A search as the index runs it: names already resolved to ids and the caller's access already decided. Every
 * condition must hold (terms and filters are ANDed); within {@code fromUsers}, {@code inChannels} and
 * {@code mentions} any one value suffices. A query without terms matches every message its filters allow.
 *
 * @param workspaceId  the workspace searched
 * @param readable     the channels the caller may read now; nothing outside them ever matches, and an empty set
 *                     matches nothing
 * @param terms        the words, phrases and prefixes, each required or excluded
 * @param fromUsers    authors, any of them ({@code from:}); empty for anyone
 * @param inChannels   channels, any of them ({@code in:}); empty for every readable one
 * @param mentions     users the message must mention, any of them ({@code to:}); empty for no condition
 * @param afterMicros  only messages later than this (exclusive), or null
 * @param beforeMicros only messages earlier than this (exclusive), or null
 * @param has          {@code has:} and {@code is:} conditions
 * @param reactions    emoji names the message must carry, all of them ({@code has::emoji:})
 * @param sort         by relevance (ties broken by recency) or by time
 * @param ascending    the direction of a sort by time (relevance is always best first)
 * @param offset       matches to skip (page × count)
 * @param limit        matches to return
 * @param highlight    whether matches come back with the matched words marked
 */
public record SearchQuery(String workspaceId, Set<String> readable, List<Term> terms, Set<String> fromUsers,
                          Set<String> inChannels, Set<String> mentions, Long afterMicros, Long beforeMicros,
                          Set<Has> has, Set<String> reactions, Sort sort, boolean ascending, int offset, int limit,
                          boolean highlight) {

    /** Slack's highlight markers (private-use characters), around each matched word when {@code highlight} is set. */
    public static final String HIGHLIGHT_START = "\uE000";
    public static final String HIGHLIGHT_END = "\uE001";

    public SearchQuery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        readable = readable == null ? Set.of() : Set.copyOf(readable);
        terms = terms == null ? List.of() : List.copyOf(terms);
        fromUsers = fromUsers == null ? Set.of() : Set.copyOf(fromUsers);
        inChannels = inChannels == null ? Set.of() : Set.copyOf(inChannels);
        mentions = mentions == null ? Set.of() : Set.copyOf(mentions);
        has = has == null ? Set.of() : Set.copyOf(has);
        reactions = reactions == null ? Set.of() : Set.copyOf(reactions);
        sort = sort == null ? Sort.SCORE : sort;
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }

    /** The channels a match must be in: the readable ones, narrowed to {@code inChannels} when it names any. */
    public Set<String> searchedChannels() {
        if (inChannels.isEmpty()) {
            return readable;
        }
        Set<String> both = new java.util.HashSet<>(readable);
        both.retainAll(inChannels);
        return both;
    }

    /** Whether any term is one a match must contain (not only exclusions). */
    public boolean hasRequiredTerms() {
        return terms.stream().anyMatch(t -> !t.excluded());
    }

    /**
     * One piece of the query text. A {@link Kind#WORD} matches the word, its stem where the adapter stems, and, for
     * words of four letters or more, a word one or two typos away (one for up to seven letters, two beyond); an exact
     * match scores above a corrected one, and words that follow each other in the query score higher where they
     * follow each other in the message. A {@link Kind#PHRASE} matches its words in order, next to each other. A
     * {@link Kind#PREFIX} matches words starting with it. An excluded term matches messages without it.
     */
    public record Term(Kind kind, String text, boolean excluded) {

        public Term {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }

        public static Term word(String text) {
            return new Term(Kind.WORD, text, false);
        }

        public static Term phrase(String text) {
            return new Term(Kind.PHRASE, text, false);
        }

        public static Term prefix(String text) {
            return new Term(Kind.PREFIX, text, false);
        }

        public Term excluding() {
            return new Term(kind, text, true);
        }

        public enum Kind { WORD, PHRASE, PREFIX }
    }

    /** Conditions on what a message has or is. */
    public enum Has {
        /** {@code has:link} */
        LINK,
        /** {@code has:file} */
        FILE,
        /** {@code has:pin} */
        PIN,
        /** {@code has:reaction}: any reaction */
        REACTION,
        /** {@code is:thread}: a thread's parent or one of its replies */
        THREAD
    }

    /** {@code sort=score} (relevance, ties broken by recency, newest first) or {@code sort=timestamp}. */
    public enum Sort { SCORE, TIMESTAMP }
}
