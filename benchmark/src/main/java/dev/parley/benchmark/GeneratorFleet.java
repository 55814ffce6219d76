package dev.parley.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Idle authenticated sockets for the capacity ramp, held in this JVM or, with {@code --generator-processes=N} above 1,
 * in N child generator JVMs that each hold a share: a process may hold at most as many sockets as its open-file limit
 * (20,000 on the development machine), so 100,000 sockets need several. Socket {@code g} (numbered over the whole run)
 * goes to gateway {@code g mod gateways} with token {@code g mod tokens}, whichever process holds it.
 *
 * <p>A child ({@link #main}) reads commands on standard input and answers on standard output with lines starting with
 * {@value #REPLY} (anything else there is its logging): {@code gateways <uri,…>}, {@code token <t>} (one per user),
 * {@code open <first> <count>} (answered once every socket is open or failed), {@code quit}.
 */
final class GeneratorFleet implements AutoCloseable {

    static final String REPLY = "@@ ";

    /** After a step: sockets open now in all processes, failures so far, open sockets per gateway, the first failure. */
    record Opened(int open, long failures, int[] perGateway, String firstFailure) {
    }

    private interface Share extends AutoCloseable {
        Opened open(int first, int count);

        @Override
        void close();
    }

    private final List<Share> shares;
    private final int gateways;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    private GeneratorFleet(List<Share> shares, int gateways) {
        this.shares = shares;
        this.gateways = gateways;
    }

    static GeneratorFleet start(int processes, List<URI> gateways, List<String> tokens, int threads, List<String> sources,
                                int handshakes, String javaOpts, Path logDir) {
        if (processes <= 1) {
            return new GeneratorFleet(List.of(new Local(gateways, tokens, threads, sources, handshakes)), gateways.size());
        }
        List<Share> shares = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                shares.add(new Forked(p, gateways, tokens, threads, sources, handshakes, javaOpts, logDir));
            }
        } catch (RuntimeException e) {
            shares.forEach(Share::close);
            throw e;
        }
        return new GeneratorFleet(shares, gateways.size());
    }

    int processes() {
        return shares.size();
    }

    /** Opens sockets {@code first … first+count-1}, split evenly over the processes; waits for all of them. */
    Opened open(int first, int count) {
        List<Future<Opened>> steps = new ArrayList<>();
        int from = first;
        for (int p = 0; p < shares.size(); p++) {
            int share = count / shares.size() + (p < count % shares.size() ? 1 : 0);
            Share s = shares.get(p);
            int at = from;
            steps.add(pool.submit(() -> s.open(at, share)));
            from += share;
        }
        int open = 0;
        long failures = 0;
        int[] perGateway = new int[gateways];
        String firstFailure = null;
        for (Future<Opened> step : steps) {
            Opened o;
            try {
                o = step.get();
            } catch (Exception e) {
                throw new IllegalStateException("a generator process failed: " + e, e);
            }
            open += o.open();
            failures += o.failures();
            for (int g = 0; g < gateways; g++) {
                perGateway[g] += o.perGateway()[g];
            }
            if (firstFailure == null) {
                firstFailure = o.firstFailure();
            }
        }
        return new Opened(open, failures, perGateway, firstFailure);
    }

    @Override
    public void close() {
        shares.forEach(Share::close);
        pool.close();
    }

    /** Sockets in this JVM. */
    private static final class Local implements Share {
        private final List<URI> gateways;
        private final List<String> tokens;
        private final SocketFleet fleet;
        private final List<List<SocketFleet.BenchSocket>> byGateway = new ArrayList<>();
        private long failures;
        private String firstFailure;

        Local(List<URI> gateways, List<String> tokens, int threads, List<String> sources, int handshakes) {
            this.gateways = List.copyOf(gateways);
            this.tokens = List.copyOf(tokens);
            this.fleet = new SocketFleet(threads, sources, handshakes);
            gateways.forEach(g -> byGateway.add(new ArrayList<>()));
        }

        @Override
        public Opened open(int first, int count) {
            List<CompletableFuture<SocketFleet.BenchSocket>> opening = new ArrayList<>();
            for (int g = first; g < first + count; g++) {
                opening.add(fleet.connect(gateways.get(g % gateways.size()), tokens.get(g % tokens.size()), (s, t) -> { }));
            }
            for (int i = 0; i < opening.size(); i++) {
                try {
                    byGateway.get((first + i) % gateways.size()).add(opening.get(i).get(120, TimeUnit.SECONDS));
                } catch (Exception e) {
                    if (failures++ == 0) {
                        firstFailure = String.valueOf(e.getCause() != null ? e.getCause() : e);
                    }
                }
            }
            int[] perGateway = byGateway.stream()
                    .mapToInt(list -> (int) list.stream().filter(SocketFleet.BenchSocket::isOpen).count()).toArray();
            return new Opened(Arrays.stream(perGateway).sum(), failures, perGateway, firstFailure);
        }

        @Override
        public void close() {
            fleet.close();
        }
    }

    /** Sockets in a child JVM running {@link #main}. */
    private static final class Forked implements Share {
        private final int number;
        private final Process process;
        private final PrintWriter commands;
        private final BufferedReader replies;

        Forked(int number, List<URI> gateways, List<String> tokens, int threads, List<String> sources, int handshakes,
               String javaOpts, Path logDir) {
            this.number = number;
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(Target.words(javaOpts));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), GeneratorFleet.class.getName(),
                    String.valueOf(threads), String.join(",", sources), String.valueOf(handshakes)));
            try {
                process = new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve("generator-" + number + ".log").toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            commands.println("gateways " + String.join(",", gateways.stream().map(URI::toString).toList()));
            tokens.forEach(t -> commands.println("token " + t));
        }

        @Override
        public Opened open(int first, int count) {
            commands.println("open " + first + " " + count);
            String reply = reply();
            // opened <open> <failures> <g0,g1,…> <first failure, or ->
            String[] f = reply.split(" ", 5);
            int[] perGateway = Arrays.stream(f[3].split(",")).mapToInt(Integer::parseInt).toArray();
            return new Opened(Integer.parseInt(f[1]), Long.parseLong(f[2]), perGateway, "-".equals(f[4]) ? null : f[4]);
        }

        private String reply() {
            try {
                for (String line = replies.readLine(); line != null; line = replies.readLine()) {
                    if (line.startsWith(REPLY)) {
                        return line.substring(REPLY.length());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("generator process " + number + " exited (see generator-" + number + ".log)");
        }

        @Override
        public void close() {
            commands.println("quit");
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** A child generator: {@code <threads> <source,…> <handshakes>}, then the commands above on standard input. */
    public static void main(String[] args) throws IOException {
        int threads = Integer.parseInt(args[0]);
        List<String> sources = List.of(args[1].split(","));
        int handshakes = Integer.parseInt(args[2]);
        List<URI> gateways = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        Local local = null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "gateways" -> Arrays.stream(f[1].split(",")).map(URI::create).forEach(gateways::add);
                    case "token" -> tokens.add(f[1]);
                    case "open" -> {
                        if (local == null) {
                            local = new Local(gateways, tokens, threads, sources, handshakes);
                        }
                        Opened o = local.open(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
                        System.out.println(REPLY + "opened " + o.open() + " " + o.failures() + " "
                                + String.join(",", Arrays.stream(o.perGateway()).mapToObj(String::valueOf).toList()) + " "
                                + (o.firstFailure() == null ? "-" : o.firstFailure().replace('\n', ' ')));
                        System.out.flush();
                    }
                    default -> throw new IllegalArgumentException("unknown command: " + line);
                }
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
        System.exit(0);
    }
}
