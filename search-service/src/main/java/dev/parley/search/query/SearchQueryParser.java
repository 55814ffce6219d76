package dev.parley.search.query;

import dev.parley.common.api.SlackApiException;
import dev.parley.search.SearchQuery;
import dev.parley.search.query.ParsedQuery.ChannelRef;
import dev.parley.search.query.ParsedQuery.DateFilter;
import dev.parley.search.query.ParsedQuery.Day;
import dev.parley.search.query.ParsedQuery.UserRef;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's search query language, parsed into a {@link ParsedQuery}: words, {@code "exact phrases"}, {@code -excluded}
 * words and phrases, {@code prefix*}, and the modifiers {@code from:}, {@code in:}, {@code -in:}, {@code to:},
 * {@code before:}, {@code after:}, {@code on:}, {@code during:}, {@code has:} and {@code is:}. The README's "Search"
 * section documents each with examples.
 *
 * <p>What is not a modifier is text: {@code http://example.com} or {@code 10:30} are words, as in Slack. A known
 * modifier with a value it does not take ({@code has:banana}, {@code before:2026-13-01}) is refused with
 * {@code invalid_query} and a {@code response_metadata.messages} line saying what was wrong, so a typo never silently
 * searches for something else; a blank query is {@code no_query}. An unclosed quote runs to the end of the query, as
 * Slack's own search box treats it.
 */
public final class SearchQueryParser {

    /** The longest query taken; longer ones are refused rather than cut, so nothing is silently dropped. */
    public static final int MAX_LENGTH = 2000;
    /** The most terms and modifiers in one query, which keeps every query cheap for the index. */
    public static final int MAX_PARTS = 64;

    private static final Set<String> MODIFIERS = Set.of("from", "in", "to", "before", "after", "on", "during", "has",
            "is");
    private static final Pattern USER_MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern CHANNEL_MENTION = Pattern.compile("<#([CGD][A-Z0-9]+)(?:\\|[^>]*)?>");
    // Names are lower case (Parley makes them so), so an upper-case value is an id and never a name.
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._'-]+");
    private static final Pattern EMOJI = Pattern.compile(":([a-z0-9_+'-]+)(?:::skin-tone-[2-6])?:");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Map<String, SearchQuery.Has> HAS = Map.of(
            "link", SearchQuery.Has.LINK, "links", SearchQuery.Has.LINK,
            "file", SearchQuery.Has.FILE, "files", SearchQuery.Has.FILE,
            "pin", SearchQuery.Has.PIN, "pins", SearchQuery.Has.PIN, "pinned", SearchQuery.Has.PIN,
            "reaction", SearchQuery.Has.REACTION, "reactions", SearchQuery.Has.REACTION);
    private static final String DATE_FORMS = "a date (YYYY-MM-DD), a month (YYYY-MM or a month's name), a year (YYYY), "
            + "today or yesterday";

    private SearchQueryParser() {
    }

    /** Parses a query; {@code no_query} when it is blank, {@code invalid_query} when a modifier is malformed. */
    public static ParsedQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw new SlackApiException("no_query");
        }
        if (query.length() > MAX_LENGTH) {
            throw invalid("the query is longer than " + MAX_LENGTH + " characters");
        }
        return new Builder().parse(query);
    }

    /** {@code invalid_query}, with Slack's {@code response_metadata.messages} saying why. */
    static SlackApiException invalid(String why) {
        return new SlackApiException("invalid_query", Map.of("response_metadata",
                Map.of("messages", List.of("[ERROR] " + why))));
    }

    private static final class Builder {

        private final List<SearchQuery.Term> terms = new ArrayList<>();
        private final List<UserRef> from = new ArrayList<>();
        private final List<ChannelRef> in = new ArrayList<>();
        private final List<ChannelRef> notIn = new ArrayList<>();
        private final List<UserRef> to = new ArrayList<>();
        private final List<DateFilter> dates = new ArrayList<>();
        private final Set<SearchQuery.Has> has = new LinkedHashSet<>();
        private final Set<String> reactions = new LinkedHashSet<>();
        private boolean saved;
        private int parts;

        ParsedQuery parse(String text) {
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                boolean excluded = false;
                if (c == '-' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
                    excluded = true;
                    i++;
                    c = text.charAt(i);
                }
                if (c == '"') {
                    int close = text.indexOf('"', i + 1);
                    int end = close < 0 ? n : close;
                    phrase(text.substring(i + 1, end), excluded);
                    i = close < 0 ? n : close + 1;
                    continue;
                }
                int start = i;
                int angle = 0;
                // A mention's label (<@U…|Ann Lee>) may hold spaces: the token runs to its closing bracket.
                while (i < n && (angle > 0 || !Character.isWhitespace(text.charAt(i)))) {
                    char d = text.charAt(i);
                    if (d == '<') {
                        angle++;
                    } else if (d == '>' && angle > 0) {
                        angle--;
                    }
                    i++;
                }
                token(text.substring(start, i), excluded);
            }
            if (parts == 0) {
                throw new SlackApiException("no_query");
            }
            return new ParsedQuery(terms, from, in, notIn, to, dates, has, reactions, saved);
        }

        private void count() {
            if (++parts > MAX_PARTS) {
                throw invalid("the query has more than " + MAX_PARTS + " terms and modifiers");
            }
        }

        private void phrase(String raw, boolean excluded) {
            String phrase = raw.trim().replaceAll("\\s+", " ");
            if (!searchable(phrase)) {
                return;
            }
            count();
            SearchQuery.Term term = SearchQuery.Term.phrase(phrase);
            terms.add(excluded ? term.excluding() : term);
        }

        private void token(String token, boolean excluded) {
            int colon = token.indexOf(':');
            if (colon > 0) {
                String key = token.substring(0, colon).toLowerCase(Locale.ROOT);
                if (MODIFIERS.contains(key)) {
                    count();
                    modifier(key, token.substring(colon + 1), excluded);
                    return;
                }
            }
            if (token.endsWith("*")) {
                String prefix = token.replaceAll("\\*+$", "");
                if (searchable(prefix)) {
                    count();
                    SearchQuery.Term term = SearchQuery.Term.prefix(prefix);
                    terms.add(excluded ? term.excluding() : term);
                }
                return;
            }
            if (searchable(token)) {
                count();
                SearchQuery.Term term = SearchQuery.Term.word(token);
                terms.add(excluded ? term.excluding() : term);
            }
        }

        /** Text with no letter or digit gives the index nothing to look for, so it is left out. */
        private static boolean searchable(String text) {
            return text.codePoints().anyMatch(Character::isLetterOrDigit);
        }

        private void modifier(String key, String value, boolean excluded) {
            if (value.isEmpty()) {
                throw invalid(key + ": needs a value, e.g. " + example(key));
            }
            if (excluded && !key.equals("in")) {
                throw invalid("-" + key + ": is not supported; of the modifiers only in: can be excluded");
            }
            switch (key) {
                case "from" -> from.add(user(key, value));
                case "to" -> to.add(user(key, value));
                case "in" -> (excluded ? notIn : in).add(channel(value));
                case "before" -> dates.add(new DateFilter(DateFilter.Op.BEFORE, day(key, value)));
                case "after" -> dates.add(new DateFilter(DateFilter.Op.AFTER, day(key, value)));
                case "on" -> dates.add(new DateFilter(DateFilter.Op.ON, day(key, value)));
                case "during" -> dates.add(new DateFilter(DateFilter.Op.DURING, day(key, value)));
                case "has" -> has(value);
                case "is" -> is(value);
                default -> throw new IllegalStateException("modifier without a rule: " + key);
            }
        }

        private static String example(String key) {
            return switch (key) {
                case "from", "to" -> key + ":@name";
                case "in" -> "in:#channel or in:@name";
                case "has" -> "has:link";
                case "is" -> "is:thread";
                case "during" -> "during:2026-03";
                default -> key + ":2026-03-15";
            };
        }

        private static UserRef user(String key, String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.equals("me") || lower.equals("@me")) {
                return new UserRef.Me();
            }
            Matcher mention = USER_MENTION.matcher(value);
            if (mention.matches()) {
                return new UserRef.Id(mention.group(1));
            }
            if (USER_ID.matcher(value).matches()) {
                return new UserRef.Id(value);
            }
            String name = value.startsWith("@") ? lower.substring(1) : lower;
            if (!NAME.matcher(name).matches()) {
                throw invalid(key + ": takes a person (@name, <@U…> or me), not '" + value + "'");
            }
            return new UserRef.Name(name);
        }

        private static ChannelRef channel(String value) {
            Matcher mention = CHANNEL_MENTION.matcher(value);
            if (mention.matches()) {
                return new ChannelRef.Id(mention.group(1));
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (value.startsWith("@") || value.startsWith("<@") || lower.equals("me")) {
                return new ChannelRef.Direct(user("in", value));
            }
            if (CHANNEL_ID.matcher(value).matches()) {
                return new ChannelRef.Id(value);
            }
            String name = value.startsWith("#") ? lower.substring(1) : lower;
            if (!NAME.matcher(name).matches()) {
                throw invalid("in: takes a channel (#name or <#C…>) or a person for your DM with them (@name), not '"
                        + value + "'");
            }
            return new ChannelRef.Name(name);
        }

        private void has(String value) {
            Matcher emoji = EMOJI.matcher(value.toLowerCase(Locale.ROOT));
            if (emoji.matches()) {
                reactions.add(emoji.group(1));
                return;
            }
            SearchQuery.Has condition = HAS.get(value.toLowerCase(Locale.ROOT));
            if (condition == null) {
                throw invalid("has: takes link, file, pin, reaction or an emoji such as :tada:, not '" + value + "'");
            }
            has.add(condition);
        }

        private void is(String value) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "thread", "threads" -> has.add(SearchQuery.Has.THREAD);
                case "saved" -> saved = true;
                default -> throw invalid("is: takes thread or saved, not '" + value + "'");
            }
        }

        private static Day day(String key, String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            try {
                if (lower.equals("today")) {
                    return new Day.DaysAgo(0);
                }
                if (lower.equals("yesterday")) {
                    return new Day.DaysAgo(1);
                }
                Matcher date = DATE.matcher(lower);
                if (date.matches()) {
                    return new Day.Date(LocalDate.of(year(date.group(1)), Integer.parseInt(date.group(2)),
                            Integer.parseInt(date.group(3))));
                }
                Matcher month = MONTH.matcher(lower);
                if (month.matches()) {
                    return new Day.MonthOfYear(YearMonth.of(year(month.group(1)), Integer.parseInt(month.group(2))));
                }
                if (YEAR.matcher(lower).matches()) {
                    return new Day.Year(year(lower));
                }
                for (Month m : Month.values()) {
                    if (lower.equals(m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT))
                            || lower.equals(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT))) {
                        return new Day.NamedMonth(m);
                    }
                }
            } catch (DateTimeException | NumberFormatException e) {
                throw invalid(key + ": '" + value + "' is not a real date; it takes " + DATE_FORMS);
            }
            throw invalid(key + ": takes " + DATE_FORMS + ", not '" + value + "'");
        }

        /** Years Parley can hold in epoch microseconds and that a person means. */
        private static int year(String digits) {
            int year = Integer.parseInt(digits);
            if (year < 1970 || year > 9999) {
                throw new DateTimeException("year out of range");
            }
            return year;
        }
    }
}
