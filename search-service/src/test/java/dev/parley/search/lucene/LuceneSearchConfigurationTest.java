package dev.parley.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.search.SearchIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The embedded index is the default of the search role, under the data directory unless given a path. */
class LuceneSearchConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LuceneSearchConfiguration.class));

    @Test
    void theDefaultLivesUnderTheDataDirectory() {
        context.withPropertyValues("parley.data-dir=" + dir).run(started -> {
            assertThat(started).getBean(SearchIndex.class).isInstanceOf(LuceneSearchIndex.class);
            assertThat(Files.isDirectory(dir.resolve("search"))).isTrue();
        });
    }

    @Test
    void aPathOfItsOwnWins() {
        Path own = dir.resolve("elsewhere");
        context.withPropertyValues("parley.data-dir=" + dir.resolve("data"), "parley.search.lucene.path=" + own)
                .run(started -> {
                    assertThat(started).hasSingleBean(SearchIndex.class);
                    assertThat(Files.isDirectory(own)).isTrue();
                    assertThat(Files.exists(dir.resolve("data").resolve("search"))).isFalse();
                });
    }

    @Test
    void elasticsearchOrAnotherRoleTurnsItOff() {
        context.withPropertyValues("parley.data-dir=" + dir, "parley.search.type=elasticsearch")
                .run(started -> assertThat(started).doesNotHaveBean(SearchIndex.class));
        context.withPropertyValues("parley.data-dir=" + dir, "parley.target=gateway")
                .run(started -> assertThat(started).doesNotHaveBean(SearchIndex.class));
    }
}
