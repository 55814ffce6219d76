package dev.parley.search.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.parley.common.role.ConditionalOnRole;
import dev.parley.common.role.Role;
import dev.parley.search.SearchProperties;
import java.net.URI;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The search index on Elasticsearch, when {@code parley.search.type=elasticsearch}. */
@AutoConfiguration
@ConditionalOnRole(Role.SEARCH)
@ConditionalOnProperty(name = "parley.search.type", havingValue = "elasticsearch")
@EnableConfigurationProperties(SearchProperties.class)
class ElasticsearchSearchConfiguration {

    @Bean
    ElasticsearchSearchIndex elasticsearchSearchIndex(SearchProperties properties) {
        SearchProperties.Elasticsearch elasticsearch = properties.elasticsearch();
        return create(elasticsearch.url(), elasticsearch.indexPrefix(), elasticsearch.analyzer());
    }

    /** The adapter on a client of its own for the cluster at {@code url}; closing the index closes the client. */
    static ElasticsearchSearchIndex create(URI url, String indexPrefix, String analyzer) {
        if (url == null) {
            throw new IllegalStateException("parley.search.type=elasticsearch needs parley.search.elasticsearch.url, "
                    + "the cluster's HTTP address (e.g. http://127.0.0.1:9200)");
        }
        RestClient restClient = RestClient.builder(HttpHost.create(url.toString())).build();
        RestClientTransport transport = new RestClientTransport(restClient, new Jackson3JsonpMapper());
        return new ElasticsearchSearchIndex(new ElasticsearchClient(transport), indexPrefix, analyzer, transport);
    }
}
