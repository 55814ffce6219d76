package dev.parley.common.id;

import java.util.Optional;

/**
 * Slack message timestamps: {@code "<epoch seconds>.<6-digit micros>"}, stored as epoch microseconds.
 * The store keeps the long; the API speaks the string.
 */
public final class Ts {

    private Ts() {
    }

    public static String format(long micros) {
        long seconds = micros / 1_000_000L;
        long fraction = micros % 1_000_000L;
        StringBuilder sb = new StringBuilder(17).append(seconds).append('.');
        String f = Long.toString(fraction);
        for (int i = f.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(f).toString();
    }

    /** Parses a ts; an absent, malformed or out-of-range value gives empty. */
    public static Optional<Long> parse(String ts) {
        if (ts == null || ts.isEmpty() || ts.length() > 20) {
            return Optional.empty();
        }
        int dot = ts.indexOf('.');
        String secondsPart = dot < 0 ? ts : ts.substring(0, dot);
        String fractionPart = dot < 0 ? "" : ts.substring(dot + 1);
        if (secondsPart.isEmpty() || fractionPart.length() > 6 || !digits(secondsPart) || !digits(fractionPart)
                || secondsPart.length() > 12) {
            return Optional.empty();
        }
        long seconds = Long.parseLong(secondsPart);
        long fraction = fractionPart.isEmpty() ? 0 : Long.parseLong(fractionPart) * pow10(6 - fractionPart.length());
        return Optional.of(seconds * 1_000_000L + fraction);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    public static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
