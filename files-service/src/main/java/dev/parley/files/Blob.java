package dev.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A blob being read: its {@link BlobInfo} and a stream of its bytes, which the caller must close. */
public record Blob(BlobInfo info, InputStream content) implements AutoCloseable {

    /** Reads the whole blob; for small ones (thumbnails, tests). */
    public byte[] readAllBytes() {
        try (InputStream in = content) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read blob " + info.key(), e);
        }
    }

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
