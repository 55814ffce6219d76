package dev.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.api.ApiMethodRegistry;
import dev.parley.search.api.SearchService;
import dev.parley.search.indexing.SearchIndexer;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The search role, started as its own process would be (distributed mode, the other services elsewhere), serves the
 * {@code search.*} Web API methods over the configured index and runs the indexer; other roles have neither.
 */
class SearchRoleTest {

    @Nested
    @SpringBootTest(classes = SearchServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"parley.target=search", "parley.store.sharding-guard=true",
                    // The other services run elsewhere; nothing here calls them before a search or an event.
                    "parley.services.workspace.url=http://127.0.0.1:9", "parley.services.channel.url=http://127.0.0.1:9",
                    "parley.services.messaging.url=http://127.0.0.1:9", "parley.services.presence.url=http://127.0.0.1:9"})
    class SearchProcess {

        @Autowired
        ApplicationContext started;

        @DynamicPropertySource
        static void dataDir(DynamicPropertyRegistry registry) {
            registry.add("parley.data-dir", () -> Path.of("target", "search-role-test", UUID.randomUUID().toString())
                    .toAbsolutePath().toString());
        }

        @Test
        void registersTheSearchMethodsAndRunsTheIndexer() {
            assertThat(started.getBeansOfType(SearchService.class)).hasSize(1);
            assertThat(started.getBeansOfType(SearchIndexer.class)).hasSize(1);
            assertThat(started.getBean(SearchIndex.class).getClass().getSimpleName()).isEqualTo("LuceneSearchIndex");
            assertThat(new ApiMethodRegistry(started).names()).contains("search.messages", "search.files", "search.all");
        }
    }

    @TempDir
    Path dir;

    @Test
    void anotherRoleHasNone() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SearchAutoConfiguration.class, luceneConfiguration()))
                .withPropertyValues("parley.data-dir=" + dir, "parley.target=gateway").run(started -> {
                    assertThat(started).doesNotHaveBean(SearchService.class);
                    assertThat(started).doesNotHaveBean(SearchIndex.class);
                    assertThat(new ApiMethodRegistry(started).names()).noneMatch(name -> name.startsWith("search."));
                });
    }

    /** The embedded index's configuration, package-private in its own package as every adapter's is. */
    private static Class<?> luceneConfiguration() {
        try {
            return Class.forName("dev.parley.search.lucene.LuceneSearchConfiguration");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
