package dev.parley.files.scan;

/**
 * A scan that gave no verdict. {@link #retryable()}: the scanner was down, timed out or broke off (try again later);
 * otherwise it refused this file (too large for it) and retrying the same bytes cannot help.
 */
public class ScanException extends RuntimeException {

    private final boolean retryable;

    public ScanException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
