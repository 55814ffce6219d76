package dev.parley.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The benchmark's command line: {@code benchmark <scenario> [--name=value ...]}. */
public final class Benchmark {

    private static final Map<String, Scenario> SCENARIOS = Stream.of(
                    new CapacityScenario(), new FanoutScenario(), new PersistenceScenario(), new ReconnectScenario(),
                    new HistoryScenario(), new SearchScenario())
            .collect(Collectors.toMap(Scenario::name, Function.identity()));

    private Benchmark() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (args.length == 0 || !SCENARIOS.containsKey(args[0])) {
            System.err.println("""
                    usage: benchmark <capacity|fanout|persistence|reconnect|history|search> [--name=value ...]
                      target:      --topology=standalone|distributed (default standalone; both started here)
                                   --server-java-opts="-Xmx512m ..." --server-args="--a=b ..."  (every Parley process)
                                   standalone: --jar=<path> --data-dir=<dir> (kept, with its key-encryption key)
                                               --store-url=jdbc:mysql://… [--store-user=root --store-password=]
                                               (the MariaDB/MySQL store instead of the embedded H2)
                                   distributed: --gateways=2 --gateway-java-opts=... --kafka-partitions=4 --keep
                                                --mysql-url=jdbc:mysql://127.0.0.1:3306/ --mysql-user=root --mysql-password=
                                   or running servers: --url=http://127.0.0.1:8080[,http://…] [--pid=<pid>[,<pid>…]]
                      generator:   --threads=2 --sources=<n> (127.0.0.2…) --handshakes=256
                      output:      --out=<file.json> | --results=<dir> (default benchmark/results)
                      capacity:    --sockets=19000 --step=2000 --users=100
                                   --generator-processes=<sockets/18000 rounded up> --generator-java-opts=-Xmx768m
                      fanout:      --channels=20 --members=100 --sockets-per-user=1 --rates=50,100,200,400,600,800
                                   --step-seconds=10 --drain-seconds=3 --stop-p99-ms=1000
                                   --settle-seconds=60 --settle-cores=0.2
                      persistence: --posters=64 --channels=16 --users=8 --seconds=20
                      reconnect:   --sockets=15000 --users=150 --channels=10 --messages-before=20 --messages-during=20
                                   --timeout-seconds=300  (only against what it starts: it kills and restarts the
                                   standalone server, or kills gateway 0 of the distributed topology)
                      history:     --messages=1000000 --api-messages=300 --batch=5000 --users=4 --clients=4 --rate=100
                                   --page=100 --seconds=30 --warmup-seconds=10
                                   --data-dir=<dir> (keep the seeded server data for the next run) | --seed-file=<file>
                                   --store-url=jdbc:mysql://… (bulk load there; needed for --url)
                      search:      --messages=1000000 --users=20 --channels=80 --private-channels=20 --batch=5000
                                   --rates=10,20,50,100 --step-seconds=20 --warmup-seconds=10 --stop-p99-ms=2000
                                   --post-rates=100,300 --post-seconds=30 --probe-rate=5 --poll-ms=50
                                   --data-dir=<dir> | --seed-file=<file> (as history)
                                   distributed: --search=elasticsearch|lucene (the search service's index)
                                   --url: --internal-secret=<secret> --search-url=<the search process>""");
            System.exit(2);
        }
        Path json = run(args[0], Options.parse(Arrays.asList(args).subList(1, args.length)));
        System.out.println("result: " + json);
        System.exit(0);
    }

    /** Runs one scenario against the target the options name and returns the JSON result file. */
    public static Path run(String scenarioName, Options options) {
        Scenario scenario = SCENARIOS.get(scenarioName);
        if ("search".equals(scenarioName) && !options.has("search")) {
            // Only this scenario starts the distributed topology's search service (and Elasticsearch for it).
            options = options.with("search", "elasticsearch");
        }
        Report report = new Report(scenarioName, options);
        try (Target target = Target.from(options)) {
            report.root().put("target", target.description());
            scenario.run(options, target, report);
        }
        Path json = report.write();
        System.out.println(scenario.summary((tools.jackson.databind.node.ObjectNode) report.root().path("result")));
        return json;
    }
}
