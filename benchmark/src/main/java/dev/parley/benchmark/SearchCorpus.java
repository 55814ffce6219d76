package dev.parley.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The text of the {@code search} scenario's workspace: chat-like messages of 4–20 words drawn from a fixed vocabulary
 * with a Zipf distribution (a few hundred everyday and engineering words at the head, then made-up words from
 * syllables down a long tail of {@code VOCABULARY} words, as real text has), some set phrases, links and mentions.
 * Everything is reproducible from the seed of a {@link SplittableRandom}, and the expected number of messages a query
 * matches can be estimated from the same numbers, so the scenario knows which answers must not be empty.
 */
final class SearchCorpus {

    /** Head of the vocabulary, most frequent first; the first {@link #STOPWORDS} are never queried. */
    static final List<String> WORDS = List.of((
            "the to a and i is it for of in that you on we this be with have can not are so do just but at was "
            + "if me my will what all it's there get up about from like think out need now one when going should "
            + "know also yes ok thanks good see let today time work could here make new build deploy test tests "
            + "release please check would team issue change looks branch merge review fix update meeting call "
            + "tomorrow still code service error server data week before after then sure problem because back "
            + "some more any already again right something people into customer support production staging "
            + "question doc docs draft design ticket bug feature config version pipeline failed failing passing "
            + "green red flaky logs alert latency timeout database cache queue worker cluster node restart rollback "
            + "migration schema index search query dashboard metrics monitor incident outage postmortem oncall "
            + "sprint planning standup retro roadmap estimate deadline launch demo slides notes agenda lunch coffee "
            + "weekend holiday vacation office remote morning afternoon evening happy birthday welcome congrats "
            + "great awesome nice cool weird strange broken works working done blocked waiting pending approved "
            + "rejected shipped merged reverted tagged pinned shared updated created deleted moved renamed "
            + "frontend backend mobile android ios browser api endpoint client request response payload header "
            + "token password login signup account billing invoice payment pricing contract legal security audit "
            + "permission access admin owner guest channel thread message reply reaction emoji file upload image "
            + "screenshot video recording link document spreadsheet report summary analysis experiment hypothesis "
            + "benchmark performance memory cpu disk network bandwidth throughput kubernetes docker terraform "
            + "ansible jenkins gradle maven kafka redis postgres mariadb elasticsearch lucene java kotlin python "
            + "golang rust typescript react angular").split(" "));
    static final int STOPWORDS = 50;
    /** Fixed phrases a share of messages carry whole, for {@code "…"} queries. */
    static final List<String> PHRASES = List.of("build failed on main", "out of memory", "works on my machine",
            "ready for review", "release candidate", "merge conflict", "customer escalation", "happy friday",
            "load balancer", "feature flag");
    static final int VOCABULARY = 30_000;
    static final double ZIPF_EXPONENT = 1.0;
    static final double PHRASE_SHARE = 0.02;
    static final double LINK_SHARE = 0.05;
    static final double MENTION_SHARE = 0.05;
    static final int MIN_WORDS = 4;
    static final int MAX_WORDS = 20;
    private static final String[] SYLLABLES = {"ba", "ko", "ri", "tu", "mel", "zan", "dor", "vis", "pen", "quo", "lum",
            "ser", "gat", "fin", "hob", "jex", "nar", "wil", "cy", "ost"};

    private final String[] words;
    /** Cumulative probability of ranks 0 … i. */
    private final double[] cumulative;
    private final double[] probability;

    SearchCorpus() {
        words = new String[VOCABULARY];
        for (int rank = 0; rank < VOCABULARY; rank++) {
            words[rank] = rank < WORDS.size() ? WORDS.get(rank) : madeUp(rank - WORDS.size());
        }
        probability = new double[VOCABULARY];
        double sum = 0;
        for (int rank = 0; rank < VOCABULARY; rank++) {
            probability[rank] = 1 / Math.pow(rank + 1, ZIPF_EXPONENT);
            sum += probability[rank];
        }
        cumulative = new double[VOCABULARY];
        double running = 0;
        for (int rank = 0; rank < VOCABULARY; rank++) {
            probability[rank] /= sum;
            running += probability[rank];
            cumulative[rank] = running;
        }
    }

    /** Made-up word {@code n} of the tail: three syllables, then four, never a real word. */
    static String madeUp(int n) {
        int base = SYLLABLES.length;
        int syllables = n < base * base * base ? 3 : 4;
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            word.append(SYLLABLES[n % base]);
            n /= base;
        }
        return word.toString();
    }

    String word(int rank) {
        return words[rank];
    }

    int rank(SplittableRandom random) {
        int rank = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(VOCABULARY - 1, rank < 0 ? -rank - 1 : rank);
    }

    /** The share of messages holding the word of {@code rank} at least once. */
    double messageShare(int rank) {
        double averageWords = (MIN_WORDS + MAX_WORDS) / 2.0;
        return 1 - Math.pow(1 - probability[rank], averageWords);
    }

    /** The rarest word expected in at least {@code atLeast} of {@code messages} messages, among the queryable ones. */
    int rarestRank(long messages, double atLeast) {
        int rank = STOPWORDS;
        while (rank + 1 < VOCABULARY && messages * messageShare(rank + 1) >= atLeast) {
            rank++;
        }
        return rank;
    }

    /** One message's text; {@code users} are the ids it may mention. */
    String message(SplittableRandom random, List<String> users) {
        int length = random.nextInt(MIN_WORDS, MAX_WORDS + 1);
        List<String> parts = new ArrayList<>(length + 3);
        for (int i = 0; i < length; i++) {
            parts.add(words[rank(random)]);
        }
        if (random.nextDouble() < PHRASE_SHARE) {
            parts.add(random.nextInt(parts.size() + 1), PHRASES.get(random.nextInt(PHRASES.size())));
        }
        if (random.nextDouble() < MENTION_SHARE && !users.isEmpty()) {
            parts.addFirst("<@" + users.get(random.nextInt(users.size())) + ">");
        }
        if (random.nextDouble() < LINK_SHARE) {
            parts.add("<https://git.example.test/parley/pull/" + random.nextInt(1, 20_000) + ">");
        }
        return String.join(" ", parts);
    }

    /** A word of {@code rank} with one letter in its middle replaced: one edit away, as a typo is. */
    static String typo(String word, SplittableRandom random) {
        int at = 1 + random.nextInt(word.length() - 2);
        char replacement;
        do {
            replacement = (char) ('a' + random.nextInt(26));
        } while (replacement == word.charAt(at) || "aeiou".indexOf(replacement) >= 0);
        return word.substring(0, at) + replacement + word.substring(at + 1);
    }
}
