package dev.parley.benchmark;

/**
 * The text of a benchmark message and how a receipt reads it back: the step, the channel's index and the
 * intended send time travel in the text, the channel's {@code seq} is the server's. Scanned, not parsed, because
 * the generator reads tens of thousands of events per second on the same two cores as the server.
 */
public record BenchMessage(int step, int channel, long intendedNanos, long seq) {

    static final String PREFIX = "bench ";

    public static String text(int step, int channel, long intendedNanos) {
        return PREFIX + step + " " + channel + " " + intendedNanos;
    }

    /** The benchmark message an event carries, or null for any other event (hello, replies, channel_join, …). */
    public static BenchMessage read(String json) {
        if (!json.contains("\"type\":\"message\"")) {
            return null;
        }
        int text = json.indexOf("\"text\":\"" + PREFIX);
        int seqAt = json.indexOf("\"seq\":");
        if (text < 0 || seqAt < 0) {
            return null;
        }
        int from = text + 8 + PREFIX.length();
        int end = json.indexOf('"', from);
        String[] parts = json.substring(from, end).split(" ");
        return new BenchMessage(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]),
                number(json, seqAt + 6));
    }

    private static long number(String json, int from) {
        int end = from;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json, from, end, 10);
    }
}
