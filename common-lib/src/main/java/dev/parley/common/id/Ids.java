package dev.parley.common.id;

import java.security.SecureRandom;

/** Generates Slack-style object ids: a one-letter kind prefix and random upper-case characters. */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LENGTH = 10;

    private Ids() {
    }

    public static String workspace() {
        return next('T');
    }

    public static String user() {
        return next('U');
    }

    public static String channel() {
        return next('C');
    }

    public static String privateChannel() {
        return next('G');
    }

    public static String directMessage() {
        return next('D');
    }

    /** A user group (Slack's "subteam", mentioned as {@code <!subteam^S…>}). */
    public static String userGroup() {
        return next('S');
    }

    public static String invitation() {
        return next('I');
    }

    public static String bot() {
        return next('B');
    }

    public static String app() {
        return next('A');
    }

    /** An incoming webhook (Slack gives them no id of their own; Parley's list and revoke need one). */
    public static String webhook() {
        return next('H');
    }

    /** A file ({@code files.*}). */
    public static String file() {
        return next('F');
    }

    static String next(char kind) {
        char[] id = new char[LENGTH + 1];
        id[0] = kind;
        for (int i = 1; i <= LENGTH; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    /** Whether the text looks like an id of the given kind; cheap validation before touching storage. */
    public static boolean looksLike(String id, char... kinds) {
        if (id == null || id.length() < 2 || id.length() > 24) {
            return false;
        }
        boolean kindOk = false;
        for (char k : kinds) {
            kindOk |= id.charAt(0) == k;
        }
        if (!kindOk) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
