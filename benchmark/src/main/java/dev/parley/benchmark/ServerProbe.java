package dev.parley.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a server process's heap after a full GC, resident memory and CPU time, as an operator would. */
public sealed interface ServerProbe {

    /** One reading; -1 where the process could not be read. */
    record Sample(long heapAfterGcBytes, long rssBytes, double cpuSeconds) {
    }

    Sample sample();

    /** A server given by URL without a pid: nothing to read. */
    record Blind() implements ServerProbe {
        @Override
        public Sample sample() {
            return new Sample(-1, -1, -1);
        }
    }

    /** A local process read through {@code jcmd} and {@code /proc}. */
    record OfProcess(long pid) implements ServerProbe {

        private static final Pattern USED = Pattern.compile("used (\\d+)K");
        private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
        // Clock ticks per second of /proc/<pid>/stat; 100 on every Linux this runs on.
        private static final double TICKS = 100.0;

        @Override
        public Sample sample() {
            jcmd("GC.run");
            Matcher used = USED.matcher(jcmd("GC.heap_info"));
            long heap = used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
            return new Sample(heap, rss(), cpu());
        }

        private long rss() {
            try {
                Matcher m = RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
                return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
            } catch (IOException e) {
                return -1;
            }
        }

        private double cpu() {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private String jcmd(String command) {
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
}
