package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The search scenario's corpus and workspace layout: what its expectations of non-empty answers rest on. */
class SearchCorpusTest {

    private final SearchCorpus corpus = new SearchCorpus();

    @Test
    void everyWordOfTheVocabularyIsDistinct() {
        Set<String> words = new HashSet<>();
        IntStream.range(0, SearchCorpus.VOCABULARY).forEach(r -> words.add(corpus.word(r)));
        assertThat(words).hasSize(SearchCorpus.VOCABULARY);
    }

    @Test
    void wordsFollowTheirRankAsZipfSays() {
        SplittableRandom random = new SplittableRandom(1);
        int[] seen = new int[SearchCorpus.VOCABULARY];
        for (int i = 0; i < 200_000; i++) {
            seen[corpus.rank(random)]++;
        }
        // Rank 1 about half as often as rank 0, rank 9 about a tenth: within sampling noise.
        assertThat(seen[1] / (double) seen[0]).isBetween(0.45, 0.55);
        assertThat(seen[9] / (double) seen[0]).isBetween(0.08, 0.12);
        assertThat(seen[SearchCorpus.VOCABULARY - 1]).isLessThan(seen[0] / 1000 + 5);
    }

    @Test
    void theRarestWordStillExpectedIsRarerInASmallerWorkspace() {
        int big = corpus.rarestRank(100_000, 30);
        int small = corpus.rarestRank(3_000, 30);
        assertThat(100_000 * corpus.messageShare(big)).isGreaterThanOrEqualTo(30);
        assertThat(100_000 * corpus.messageShare(big + 1)).isLessThan(30);
        assertThat(small).isLessThan(big);
        // In a million messages even the last word of the tail is expected a few dozen times.
        assertThat(corpus.rarestRank(1_000_000, 30)).isEqualTo(SearchCorpus.VOCABULARY - 1);
    }

    @Test
    void aMessageHasBetweenFourAndTwentyWordsAndSometimesALinkOrAMention() {
        SplittableRandom random = new SplittableRandom(2);
        List<String> texts = IntStream.range(0, 5_000).mapToObj(i -> corpus.message(random, List.of("U1", "U2")))
                .toList();
        assertThat(texts).allSatisfy(t -> assertThat(t.split(" ").length).isBetween(SearchCorpus.MIN_WORDS,
                SearchCorpus.MAX_WORDS + 6));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("<https://"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("<@U"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("out of memory"));
    }

    @Test
    void aTypoIsOneLetterReplaced() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            String typo = SearchCorpus.typo("pipeline", random);
            assertThat(typo).hasSize(8).isNotEqualTo("pipeline");
            assertThat(IntStream.range(0, 8).filter(k -> typo.charAt(k) != "pipeline".charAt(k)).count()).isEqualTo(1);
        }
    }

    @Test
    void channelsShareEveryMessageUnevenly() {
        long[] counts = SearchSeed.spread(1_000_000, 100);
        assertThat(Arrays.stream(counts).sum()).isEqualTo(1_000_000);
        assertThat(Arrays.stream(counts).max().orElseThrow()).isGreaterThan(20 * Arrays.stream(counts).min().orElseThrow());
        assertThat(Arrays.stream(counts).min().orElseThrow()).isPositive();
    }
}
