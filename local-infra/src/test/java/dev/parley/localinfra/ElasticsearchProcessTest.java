package dev.parley.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Elasticsearch fixture starts a real node that answers the REST API, and closing it leaves nothing running. */
class ElasticsearchProcessTest {

    @Test
    void startedNodeAnswersClusterHealthAndCloseStopsIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<ProcessHandle> processes;
        int port;
        try (ElasticsearchProcess node = ElasticsearchProcess.start()) {
            port = node.httpPort();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(node.url().resolve("/_cluster/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"cluster_name\":\"parley-test\"").containsPattern("\"status\":\"(green|yellow)\"");
            assertThat(health.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
            ProcessHandle launcher = ProcessHandle.of(node.pid()).orElseThrow();
            processes = java.util.stream.Stream.concat(java.util.stream.Stream.of(launcher), launcher.descendants()).toList();
            // The launcher and the server JVM it started.
            assertThat(processes).hasSizeGreaterThanOrEqualTo(2);
            if ("root".equals(System.getProperty("user.name"))) {
                assertThat(processes).allSatisfy(p ->
                        assertThat(p.info().user()).hasValue(ElasticsearchProcess.SERVICE_USER));
            }
        }

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(ChildProcess.accepts(port)).as("port %d after close", port).isFalse();
    }
}
