package dev.parley.benchmark;

import dev.parley.localinfra.ElasticsearchProcess;
import dev.parley.localinfra.KafkaBrokerProcess;
import dev.parley.localinfra.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the distributed topology as the README's "Distributed topology" runs it: workspace, channel, messaging and
 * presence services and {@code --gateways} gateways, each its own process, on a fresh database of the MariaDB server
 * ({@code --mysql-url}, dropped afterwards unless {@code --keep}), a Kafka broker of the run's own and a redis-server
 * of the run's own (both child processes on free ports, from the {@code local-infra} module). With
 * {@code --search=elasticsearch} (the {@code search} scenario's default) or {@code --search=lucene} it also starts the
 * search service, on an Elasticsearch node of the run's own or on Lucene in a temporary directory; without it the
 * topology has no search, so the other scenarios measure what they always did.
 */
final class DistributedStart {

    private static final List<String> SERVICES = List.of("workspace", "channel", "messaging", "presence");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private DistributedStart() {
    }

    static Target start(Options options) {
        int gatewayCount = options.integer("gateways", 2);
        if (gatewayCount < 1) {
            throw new IllegalArgumentException("--gateways must be at least 1");
        }
        String mysqlServer = options.string("mysql-url", "jdbc:mysql://127.0.0.1:3306/");
        String mysqlUser = options.string("mysql-user", "root");
        String mysqlPassword = options.string("mysql-password", "");
        List<Runnable> cleanups = new ArrayList<>();
        List<ParleyNode> nodes = new ArrayList<>();
        try {
            Path logs = Files.createTempDirectory("parley-bench-distributed-");
            System.out.println("distributed: process logs in " + logs);
            RedisServerProcess redis = RedisServerProcess.start(logs);
            cleanups.add(redis::close);
            KafkaBrokerProcess kafka = KafkaBrokerProcess.start(logs);
            cleanups.add(kafka::close);
            String database = "parley_bench_" + STAMP.format(LocalDateTime.now()) + "_"
                    + UUID.randomUUID().toString().substring(0, 4);
            sql(mysqlServer, mysqlUser, mysqlPassword,
                    "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            if (!options.has("keep")) {
                cleanups.add(() -> sql(mysqlServer, mysqlUser, mysqlPassword, "DROP DATABASE IF EXISTS " + database));
            }
            String search = options.string("search", "none");
            List<String> services = new ArrayList<>(SERVICES);
            List<String> searchArgs = new ArrayList<>();
            ElasticsearchProcess elasticsearch = null;
            switch (search) {
                case "none" -> { }
                case "lucene" -> {
                    services.add("search");
                    searchArgs.addAll(List.of("--parley.search.type=lucene",
                            "--parley.search.lucene.path=" + logs.resolve("search-index")));
                }
                case "elasticsearch" -> {
                    services.add("search");
                    elasticsearch = ElasticsearchProcess.start(logs);
                    cleanups.add(elasticsearch::close);
                    searchArgs.addAll(List.of("--parley.search.type=elasticsearch",
                            "--parley.search.elasticsearch.url=" + elasticsearch.url(),
                            "--parley.search.elasticsearch.index-prefix=bench-" + UUID.randomUUID().toString()
                                    .substring(0, 8) + "-"));
                }
                default -> throw new IllegalArgumentException("--search must be none, lucene or elasticsearch, not "
                        + search);
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            services.forEach(s -> ports.put(s, Target.freePort()));
            String secret = UUID.randomUUID().toString();
            List<String> common = new ArrayList<>(List.of(
                    "--parley.store.type=mysql",
                    "--parley.store.url=" + mysqlServer + database,
                    "--parley.store.username=" + mysqlUser,
                    "--parley.store.password=" + mysqlPassword,
                    "--parley.eventlog.type=kafka",
                    "--parley.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--parley.kafka.topic=parley-bench",
                    "--parley.kafka.partitions=" + options.integer("kafka-partitions", 4),
                    "--parley.pubsub.type=redis",
                    "--parley.redis.host=" + redis.host(),
                    "--parley.redis.port=" + redis.port(),
                    "--parley.internal.secret=" + secret));
            ports.forEach((service, port) -> common.add("--parley.services." + service + ".url=http://127.0.0.1:" + port));
            Map<String, String> environment = Map.of("PARLEY_AUTH_KEY_ENCRYPTION_KEY", Target.randomKey());
            List<String> serverArgs = Target.words(options.string("server-args", ""));
            String serviceOpts = options.string("server-java-opts", "-Xmx512m");
            for (String service : services) {
                String module = service + "-service";
                int port = ports.get(service);
                List<String> args = new ArrayList<>(common);
                if ("search".equals(service)) {
                    args.addAll(searchArgs);
                }
                nodes.add(new ParleyNode(service, port, ParleyNode.command(Target.jar(module), serviceOpts, port, args,
                        serverArgs), environment, logs.resolve(service + ".log")));
            }
            List<ParleyNode> gateways = new ArrayList<>();
            String gatewayOpts = options.string("gateway-java-opts", serviceOpts);
            for (int g = 0; g < gatewayCount; g++) {
                int port = Target.freePort();
                gateways.add(new ParleyNode("gateway-" + g, port, ParleyNode.command(Target.jar("gateway-service"),
                        gatewayOpts, port, common, serverArgs), environment, logs.resolve("gateway-" + g + ".log")));
            }
            nodes.addAll(gateways);
            nodes.forEach(ParleyNode::launch);
            for (ParleyNode node : nodes) {
                node.awaitReady(Duration.ofSeconds(300));
            }
            Map<String, Long> infra = new LinkedHashMap<>();
            infra.put("kafka", kafka.pid());
            infra.put("redis", redis.pid());
            if (elasticsearch != null) {
                infra.put("elasticsearch", elasticsearch.pid());
            }
            String searchUrl = "http://127.0.0.1:" + ports.getOrDefault("search", ports.get("messaging"));
            return Target.distributed(nodes, gateways, infra, cleanups, "distributed topology started by the benchmark: "
                    + services.size() + " services (" + String.join(", ", services) + ") and " + gatewayCount
                    + " gateways on MariaDB database " + database + ", Kafka " + kafka.bootstrapServers() + ", Redis "
                    + redis.host() + ":" + redis.port() + (elasticsearch == null ? "" : ", Elasticsearch "
                    + elasticsearch.url()) + " (logs in " + logs + ")",
                    new Target.Store(mysqlServer + database, mysqlUser, mysqlPassword),
                    new Target.Internal(searchUrl, secret));
        } catch (IOException | RuntimeException e) {
            nodes.reversed().forEach(ParleyNode::stop);
            cleanups.forEach(Runnable::run);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void sql(String server, String user, String password, String statement) {
        try (Connection c = DriverManager.getConnection(server, user, password)) {
            c.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("the MariaDB/MySQL server at " + server + " refused " + statement
                    + " (start it, or point --mysql-url at one): " + e.getMessage(), e);
        }
    }
}
