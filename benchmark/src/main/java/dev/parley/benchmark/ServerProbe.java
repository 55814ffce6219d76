package dev.parley.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the target's processes as an operator would: heap after a full GC ({@code jcmd}), resident memory and CPU time
 * ({@code /proc}), each process on its own and summed. A target given by URL without pids has none to read.
 */
public final class ServerProbe {

    /** One process's reading, or a sum; -1 where it could not be read (a heap of redis-server, say). */
    public record Sample(long heapAfterGcBytes, long rssBytes, double cpuSeconds) {

        void put(ObjectNode into) {
            into.put("heap_after_gc_bytes", heapAfterGcBytes);
            into.put("rss_bytes", rssBytes);
            into.put("cpu_seconds", cpuSeconds);
        }
    }

    /** Every process's sample by name, and their sum over the processes where each value could be read. */
    public record Reading(Map<String, Sample> processes, Sample total) {

        public Sample of(String process) {
            return processes.getOrDefault(process, new Sample(-1, -1, -1));
        }

        /** {@code total} fields in {@code into}, and a {@code processes} object with one entry per process. */
        void put(ObjectNode into) {
            total.put(into);
            ObjectNode each = into.putObject("processes");
            processes.forEach((name, sample) -> sample.put(each.putObject(name)));
        }
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    // Clock ticks per second of /proc/<pid>/stat; 100 on every Linux this runs on.
    private static final double TICKS = 100.0;

    private final Map<String, Long> pids;

    /** A probe over the named processes, read and reported in the given order. */
    ServerProbe(Map<String, Long> pids) {
        this.pids = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pids));
    }

    /** Full GC in every JVM (in parallel), then heap in use, RSS and CPU of each. */
    public Reading sample() {
        return read(true);
    }

    /** RSS and CPU only, without forcing a GC: for readings around a load step, which a GC would disturb. */
    public Reading cpu() {
        return read(false);
    }

    private Reading read(boolean heap) {
        Map<String, Sample> each = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<Sample>> pending = new LinkedHashMap<>();
            pids.forEach((name, pid) -> pending.put(name, pool.submit(() -> one(pid, heap))));
            for (Map.Entry<String, Future<Sample>> e : pending.entrySet()) {
                each.put(e.getKey(), e.getValue().get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the target's processes: " + e, e);
        }
        return new Reading(each, sum(each.values()));
    }

    static Sample sum(Iterable<Sample> samples) {
        long heap = -1;
        long rss = -1;
        double cpu = -1;
        for (Sample s : samples) {
            heap = s.heapAfterGcBytes() < 0 ? heap : Math.max(heap, 0) + s.heapAfterGcBytes();
            rss = s.rssBytes() < 0 ? rss : Math.max(rss, 0) + s.rssBytes();
            cpu = s.cpuSeconds() < 0 ? cpu : Math.max(cpu, 0) + s.cpuSeconds();
        }
        return new Sample(heap, rss, cpu);
    }

    private static Sample one(long pid, boolean heap) {
        long used = -1;
        if (heap && isJava(pid)) {
            jcmd(pid, "GC.run");
            Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
            used = m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        }
        return new Sample(used, rss(pid), cpu(pid));
    }

    private static boolean isJava(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> c.endsWith("/java")).orElse(false);
    }

    private static long rss(long pid) {
        try {
            Matcher m = RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The whole machine's CPU time so far, busy and idle, in seconds summed over its cores ({@code /proc/stat}); and
     * this process's own (the generator's). Two readings tell whether a run was bound by the CPU.
     */
    public record Machine(double busySeconds, double idleSeconds, double generatorSeconds) {

        public static Machine read() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal ...: idle and iowait are the time spent waiting.
                double busy = 0;
                double idle = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    double seconds = Long.parseLong(f[i]) / TICKS;
                    if (i == 4 || i == 5) {
                        idle += seconds;
                    } else {
                        busy += seconds;
                    }
                }
                return new Machine(busy, idle, cpu(ProcessHandle.current().pid()));
            } catch (IOException | RuntimeException e) {
                return new Machine(-1, -1, -1);
            }
        }

        /** {@code machine_cpu_busy} (0–1 of every core) and {@code generator_cpu_cores} since {@code before}. */
        public void putSince(Machine before, double seconds, ObjectNode into) {
            if (busySeconds < 0 || before.busySeconds < 0) {
                return;
            }
            double busy = busySeconds - before.busySeconds;
            double all = busy + idleSeconds - before.idleSeconds;
            into.put("machine_cpu_busy", all > 0 ? Math.round(busy / all * 1000) / 1000.0 : 0);
            into.put("generator_cpu_cores", Math.round((generatorSeconds - before.generatorSeconds) / seconds * 1000)
                    / 1000.0);
        }
    }

    private static double cpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
