package dev.parley.files.processing;

/**
 * An image refused before decoding because its header declares more pixels than the configured limit: a decompression
 * bomb, or simply too big to thumbnail safely. A client's fault, not a retryable failure.
 */
public class UnsafeImageException extends RuntimeException {

    public UnsafeImageException(String message) {
        super(message, null, false, false);
    }
}
