package dev.parley.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.search.SearchIndex;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code parley.search.type=elasticsearch} brings the adapter, which needs the cluster's URL. */
class ElasticsearchSearchConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ElasticsearchSearchConfiguration.class));

    @Test
    void chosenByTypeWithTheUrlPrefixAndAnalyzerFromProperties() {
        context.withPropertyValues("parley.search.type=elasticsearch",
                        "parley.search.elasticsearch.url=http://127.0.0.1:9200",
                        "parley.search.elasticsearch.index-prefix=Acme-", "parley.search.elasticsearch.analyzer=english")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    ElasticsearchSearchIndex index = started.getBean(ElasticsearchSearchIndex.class);
                    assertThat(started).getBean(SearchIndex.class).isSameAs(index);
                    // Index names must be lower case, so the prefix is too.
                    assertThat(index.alias("T0ABC")).isEqualTo("acme-t0abc");
                    assertThat(index.indexName("T0ABC", 3)).isEqualTo("acme-t0abc-3");
                });
    }

    @Test
    void absentForAnotherType() {
        context.run(started -> assertThat(started).doesNotHaveBean(ElasticsearchSearchIndex.class));
        context.withPropertyValues("parley.search.type=lucene")
                .run(started -> assertThat(started).doesNotHaveBean(ElasticsearchSearchIndex.class));
    }

    @Test
    void aMissingUrlStopsStartUpSayingWhichPropertyIsMissing() {
        context.withPropertyValues("parley.search.type=elasticsearch")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("parley.search.elasticsearch.url"));
    }
}
