package dev.parley.files.scan;

/** A scan's result: whether the file is infected and, if so, the signature that matched (null when clean). */
public record Verdict(boolean infected, String signature) {

    public static final Verdict CLEAN = new Verdict(false, null);

    public static Verdict infected(String signature) {
        return new Verdict(true, signature);
    }
}
