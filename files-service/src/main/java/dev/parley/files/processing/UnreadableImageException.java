package dev.parley.files.processing;

/**
 * An image that cannot be decoded: corrupt, truncated, or in a format the decoders do not know. A property of the
 * bytes, so retrying will not help.
 */
public class UnreadableImageException extends RuntimeException {

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
