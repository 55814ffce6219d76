package dev.parley.search.elasticsearch;

import dev.parley.localinfra.ElasticsearchProcess;

/**
 * One real Elasticsearch 8.19 node for every test class of this module that needs one, started by
 * {@link ElasticsearchProcess} on first use (it fails, saying what is missing, without the distribution zip or Java 17)
 * and stopped when the test JVM ends. Tests keep apart by index prefixes and workspace ids of their own.
 */
public final class TestElasticsearch {

    private static ElasticsearchProcess node;

    private TestElasticsearch() {
    }

    /** The node, started on first use. */
    public static synchronized ElasticsearchProcess node() {
        if (node == null) {
            ElasticsearchProcess started = ElasticsearchProcess.start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(started::close));
            node = started;
        }
        return node;
    }

    /** The adapter on the node, as its configuration builds it, its indices under {@code prefix}; closing it closes its client. */
    public static ElasticsearchSearchIndex index(String prefix) {
        return ElasticsearchSearchConfiguration.create(node().url(), prefix, "standard");
    }
}
