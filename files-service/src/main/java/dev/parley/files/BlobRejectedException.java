package dev.parley.files;

/**
 * A write the store refused because of what the client sent, not because the store failed: the bytes were more than
 * the size limit or differ in number from the length announced. Nothing was stored. {@link #error()} is the Slack-style
 * code to answer with.
 */
public class BlobRejectedException extends RuntimeException {

    private final String error;

    public BlobRejectedException(String error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** {@code file_too_large}, or {@code length_mismatch} when the bytes were not as many as announced. */
    public String error() {
        return error;
    }

    public static BlobRejectedException tooLarge(long limit) {
        return new BlobRejectedException("file_too_large", "More than the limit of " + limit + " bytes");
    }

    public static BlobRejectedException lengthMismatch(long announced, long received) {
        return new BlobRejectedException("length_mismatch",
                "Announced " + announced + " bytes, received " + (received < 0 ? "more" : String.valueOf(received)));
    }
}
