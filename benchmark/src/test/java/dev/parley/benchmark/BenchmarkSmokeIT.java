package dev.parley.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Each scenario run tiny against the standalone jar (history twice on one kept data directory), and fanout and
 * reconnect against the distributed topology (two gateways on MariaDB, a Kafka broker and a redis-server of the run's
 * own), so the harness keeps working. It asserts
 * that a run completes with nothing lost, duplicated or reordered and writes its result, never how fast anything was.
 */
class BenchmarkSmokeIT {

    @TempDir
    Path results;

    private JsonNode run(String scenario, String... args) throws Exception {
        Path out = results.resolve(scenario + ".json");
        String[] all = new String[args.length + 2];
        all[0] = "--out=" + out;
        all[1] = "--server-java-opts=-Xmx256m";
        System.arraycopy(args, 0, all, 2, args.length);
        Path written = Benchmark.run(scenario, Options.of(all));
        assertThat(written).isEqualTo(out).exists();
        return ParleyApi.JSON.readTree(Files.readString(out)).path("result");
    }

    @Test
    void capacity() throws Exception {
        JsonNode result = run("capacity", "--sockets=20", "--step=10", "--users=3");
        assertThat(result.path("sockets_open").asInt()).isEqualTo(20);
        assertThat(result.path("connect_failures").asLong()).isZero();
        assertThat(result.path("steps")).hasSize(3);
    }

    @Test
    void fanout() throws Exception {
        JsonNode result = run("fanout", "--channels=2", "--members=4", "--rates=10,20", "--step-seconds=2",
                "--drain-seconds=2", "--stop-p99-ms=60000");
        assertThat(result.path("sockets").asInt()).isEqualTo(8);
        assertThat(result.path("steps")).hasSize(2);
        assertThat(result.path("steps").get(0).path("count").asLong()).isPositive();
        assertThat(result.path("lost").asLong()).isZero();
        assertThat(result.path("duplicates").asLong()).isZero();
        assertThat(result.path("out_of_order").asLong()).isZero();
        assertThat(result.path("refused_sends").asLong()).isZero();
        assertThat(results.resolve("fanout-latency.png")).exists();
    }

    @Test
    void persistence() throws Exception {
        JsonNode result = run("persistence", "--posters=4", "--channels=2", "--users=2", "--seconds=2");
        assertThat(result.path("acknowledged").asLong()).isPositive();
        assertThat(result.path("failed").asLong()).isZero();
    }

    @Test
    void reconnect() throws Exception {
        JsonNode result = run("reconnect", "--sockets=12", "--users=4", "--channels=2", "--messages-before=3",
                "--messages-during=3", "--timeout-seconds=60");
        assertThat(result.path("all_caught_up_seconds").asDouble()).isPositive();
        assertThat(result.path("resumed").asLong()).isEqualTo(12);
        assertThat(result.path("lost").asLong()).isZero();
        assertThat(result.path("duplicates").asLong()).isZero();
        assertThat(result.path("out_of_order").asLong()).isZero();
    }

    @Test
    void history() throws Exception {
        Path data = results.resolve("data");
        String[] args = {"--messages=2000", "--api-messages=20", "--batch=300", "--users=2", "--clients=2", "--rate=20",
                "--seconds=3", "--warmup-seconds=1", "--data-dir=" + data};
        JsonNode seeded = run("history", args);
        assertThat(seeded.path("seed_reused").asBoolean()).isFalse();
        assertThat(seeded.path("pages").asLong()).isPositive();
        assertThat(seeded.path("errors").asLong()).isZero();
        assertThat(seeded.path("wrong_pages").asLong()).isZero();
        assertThat(results.resolve("history-latency.png")).exists();

        JsonNode reused = run("history", args);
        assertThat(reused.path("seed_reused").asBoolean()).as("a kept data directory is seeded once").isTrue();
        assertThat(reused.path("pages").asLong()).isPositive();
        assertThat(reused.path("errors").asLong()).isZero();
        assertThat(reused.path("wrong_pages").asLong()).isZero();
    }

    private static final String[] SEARCH = {"--messages=3000", "--users=4", "--channels=4", "--private-channels=2",
        "--batch=500", "--rates=5,10", "--step-seconds=2", "--warmup-seconds=1", "--post-rates=20", "--post-seconds=3"};

    /** The search index of a seeded workspace answers every query of the mix, and every probe post is found. */
    private static void searched(JsonNode result) {
        assertThat(result.path("messages").asLong()).isEqualTo(3000);
        assertThat(result.path("query_steps")).hasSize(2);
        for (JsonNode step : result.path("query_steps")) {
            assertThat(step.path("queries").asLong()).isPositive();
            assertThat(step.path("errors").asLong()).as(step.path("last_problem").asString()).isZero();
            assertThat(step.path("unexpected_empty").asLong()).as(step.path("last_problem").asString()).isZero();
        }
        JsonNode lag = result.path("lag_steps").get(0);
        assertThat(lag.path("post_errors").asLong()).isZero();
        assertThat(lag.path("probes").asLong()).isPositive();
        assertThat(lag.path("probes_found").asLong()).isEqualTo(lag.path("probes").asLong());
        assertThat(lag.path("server_lag").path("events").asLong()).isPositive();
    }

    @Test
    void search() throws Exception {
        Path data = results.resolve("search-data");
        String[] args = Stream.concat(Arrays.stream(SEARCH), Stream.of(
                "--data-dir=" + data)).toArray(String[]::new);
        JsonNode seeded = run("search", args);
        assertThat(seeded.path("seed_reused").asBoolean()).isFalse();
        assertThat(seeded.path("reindex").path("messages").asLong()).isEqualTo(3000);
        searched(seeded);
        assertThat(results.resolve("search-latency.png")).exists();
        assertThat(results.resolve("search-index-lag.png")).exists();

        JsonNode reused = run("search", args);
        assertThat(reused.path("seed_reused").asBoolean()).as("a kept data directory is seeded and indexed once")
                .isTrue();
        searched(reused);
    }

    @Test
    void searchOnTheDistributedTopologyWithElasticsearch() throws Exception {
        String[] args = Stream.concat(Arrays.stream(SEARCH), Stream.of(
                "--topology=distributed", "--gateways=1")).toArray(String[]::new);
        JsonNode result = run("search", args);
        assertThat(result.path("reindex").path("messages").asLong()).isEqualTo(3000);
        searched(result);
    }

    @Test
    void fanoutOnTheDistributedTopology() throws Exception {
        JsonNode result = run("fanout", "--topology=distributed", "--gateways=2", "--channels=2", "--members=4",
                "--rates=10,20", "--step-seconds=2", "--drain-seconds=2", "--stop-p99-ms=60000");
        assertThat(result.path("gateways").asInt()).isEqualTo(2);
        assertThat(result.path("sockets").asInt()).isEqualTo(8);
        assertThat(result.path("steps")).hasSize(2);
        assertThat(result.path("steps").get(0).path("count").asLong()).isPositive();
        // Every process of the topology was read: four services, two gateways, Kafka and Redis.
        assertThat(result.path("steps").get(0).path("server_cpu_seconds_by_process").propertyNames())
                .contains("workspace", "channel", "messaging", "presence", "gateway-0", "gateway-1", "kafka", "redis");
        assertThat(result.path("lost").asLong()).isZero();
        assertThat(result.path("duplicates").asLong()).isZero();
        assertThat(result.path("out_of_order").asLong()).isZero();
        assertThat(result.path("refused_sends").asLong()).isZero();
        assertThat(results.resolve("fanout-latency.png")).exists();
    }

    @Test
    void reconnectOnTheDistributedTopologyKillsAGateway() throws Exception {
        JsonNode result = run("reconnect", "--topology=distributed", "--gateways=2", "--sockets=12", "--users=4",
                "--channels=2", "--messages-before=3", "--messages-during=3", "--timeout-seconds=60");
        assertThat(result.path("all_caught_up_seconds").asDouble()).isPositive();
        // Sockets 0, 2, 4, … were on the killed gateway 0; each resumed on gateway 1.
        assertThat(result.path("reconnected").asLong()).isEqualTo(6);
        assertThat(result.path("resumed").asLong()).isEqualTo(6);
        assertThat(result.path("lost").asLong()).isZero();
        assertThat(result.path("duplicates").asLong()).isZero();
        assertThat(result.path("out_of_order").asLong()).isZero();
    }
}
