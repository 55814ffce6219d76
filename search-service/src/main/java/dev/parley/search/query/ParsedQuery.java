package dev.parley.search.query;

import dev.parley.search.SearchQuery;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A search query as its author wrote it, parsed: the terms, and the filters with people and channels still named as
 * written ({@code @alice}, {@code #general}, {@code <@U…>}). The search service resolves the names and the caller's
 * access; {@link SearchQueryParser} makes these.
 *
 * @param terms     words, phrases and prefixes, each required or excluded
 * @param from      {@code from:} authors, any of them
 * @param in        {@code in:} conversations, any of them
 * @param notIn     {@code -in:} conversations whose messages are left out
 * @param to        {@code to:} users a message must mention, any of them
 * @param dates     {@code before:}, {@code after:}, {@code on:}, {@code during:}, all of them
 * @param has       {@code has:} and {@code is:thread} conditions, all of them
 * @param reactions {@code has::emoji:} names, without colons, all of them
 * @param saved     {@code is:saved}: only messages the caller saved
 */
public record ParsedQuery(List<SearchQuery.Term> terms, List<UserRef> from, List<ChannelRef> in,
                          List<ChannelRef> notIn, List<UserRef> to, List<DateFilter> dates, Set<SearchQuery.Has> has,
                          Set<String> reactions, boolean saved) {

    public ParsedQuery {
        terms = List.copyOf(terms);
        from = List.copyOf(from);
        in = List.copyOf(in);
        notIn = List.copyOf(notIn);
        to = List.copyOf(to);
        dates = List.copyOf(dates);
        has = Set.copyOf(has);
        reactions = Set.copyOf(reactions);
    }

    /**
     * The days the date filters allow, given the caller's today: empty when there are no date filters; a range that
     * {@link DayRange#isEmpty() is empty} when they contradict each other (nothing matches then, as in Slack).
     */
    public Optional<DayRange> days(LocalDate today) {
        if (dates.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = null;
        LocalDate end = null;
        for (DateFilter filter : dates) {
            LocalDate spanFirst = filter.day().first(today);
            LocalDate spanEnd = filter.day().end(today);
            LocalDate low = switch (filter.op()) {
                case AFTER -> spanEnd;
                case BEFORE -> null;
                case ON, DURING -> spanFirst;
            };
            LocalDate high = switch (filter.op()) {
                case AFTER -> null;
                case BEFORE -> spanFirst;
                case ON, DURING -> spanEnd;
            };
            if (low != null && (first == null || low.isAfter(first))) {
                first = low;
            }
            if (high != null && (end == null || high.isBefore(end))) {
                end = high;
            }
        }
        return Optional.of(new DayRange(first, end));
    }

    /** A person as a query names them. */
    public sealed interface UserRef {

        /** {@code me}: the caller. */
        record Me() implements UserRef {
        }

        /** {@code <@U…>} or a bare user id. */
        record Id(String id) implements UserRef {
        }

        /** {@code @name}: a user's name or display name, lower-cased. */
        record Name(String name) implements UserRef {
        }
    }

    /** A conversation as a query names it. */
    public sealed interface ChannelRef {

        /** {@code <#C…|name>} or a bare channel id. */
        record Id(String id) implements ChannelRef {
        }

        /** {@code #name}: a channel's name, lower-cased. */
        record Name(String name) implements ChannelRef {
        }

        /** {@code in:@user}: the caller's DM with that person ({@code in:me}: with themselves). */
        record Direct(UserRef user) implements ChannelRef {
        }
    }

    /** One date condition: {@code before:}, {@code after:}, {@code on:} or {@code during:} a day, month or year. */
    public record DateFilter(Op op, Day day) {

        public enum Op {
            /** Earlier than the span's first day. */
            BEFORE,
            /** Later than the span's last day. */
            AFTER,
            /** Within the span. */
            ON,
            /** Within the span (Slack's word for months and years). */
            DURING
        }
    }

    /** A span of days: one day, a month or a year, possibly relative to today. */
    public sealed interface Day {

        /** The first day of the span. */
        LocalDate first(LocalDate today);

        /** The day after the span's last. */
        LocalDate end(LocalDate today);

        /** One calendar day. */
        record Date(LocalDate date) implements Day {
            public LocalDate first(LocalDate today) {
                return date;
            }

            public LocalDate end(LocalDate today) {
                return date.plusDays(1);
            }
        }

        /** {@code today} (0 days ago) or {@code yesterday} (1). */
        record DaysAgo(int days) implements Day {
            public LocalDate first(LocalDate today) {
                return today.minusDays(days);
            }

            public LocalDate end(LocalDate today) {
                return today.minusDays(days - 1L);
            }
        }

        /** {@code 2026-03}. */
        record MonthOfYear(YearMonth month) implements Day {
            public LocalDate first(LocalDate today) {
                return month.atDay(1);
            }

            public LocalDate end(LocalDate today) {
                return month.plusMonths(1).atDay(1);
            }
        }

        /** {@code march}: the latest March that has begun by today (this year's, or last year's before it). */
        record NamedMonth(Month month) implements Day {
            public LocalDate first(LocalDate today) {
                int year = today.getMonthValue() >= month.getValue() ? today.getYear() : today.getYear() - 1;
                return LocalDate.of(year, month, 1);
            }

            public LocalDate end(LocalDate today) {
                return first(today).plusMonths(1);
            }
        }

        /** {@code 2026}. */
        record Year(int year) implements Day {
            public LocalDate first(LocalDate today) {
                return LocalDate.of(year, 1, 1);
            }

            public LocalDate end(LocalDate today) {
                return LocalDate.of(year + 1, 1, 1);
            }
        }
    }

    /**
     * The days a message may be from: from {@code first} (inclusive, null for no lower bound) to {@code end}
     * (exclusive, null for no upper bound).
     */
    public record DayRange(LocalDate first, LocalDate end) {

        /** Whether no day can satisfy it. */
        public boolean isEmpty() {
            return first != null && end != null && !first.isBefore(end);
        }
    }
}
