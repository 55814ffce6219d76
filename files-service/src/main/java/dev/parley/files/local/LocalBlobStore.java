package dev.parley.files.local;

import dev.parley.files.Blob;
import dev.parley.files.BlobInfo;
import dev.parley.files.BlobKey;
import dev.parley.files.BlobRejectedException;
import dev.parley.files.BlobStore;
import dev.parley.files.PresignedRequest;
import dev.parley.files.signed.SignedUrls;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blobs as files on local disk, the standalone default: {@code <root>/<workspaceId>/<path>~} holds a short header (the
 * content type) and then the bytes. Writes go to a temporary file that is fsynced and then moved into place
 * atomically, so a reader or a crash sees the old blob or the whole new one. Its presigned URLs are files-service's own
 * ({@link SignedUrls}).
 *
 * <p>The {@code ~} suffix (a character no key segment may hold) lets a blob and the blobs below it live side by side:
 * {@code F1~} is the original, the directory {@code F1/} holds its thumbnails.
 */
public final class LocalBlobStore implements BlobStore {

    private static final String SUFFIX = "~";
    private static final byte[] MAGIC = "PARLEYBLOB1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 1024;

    private final Path root;
    private final Path temp;
    private final long maxLength;
    private final SignedUrls urls;

    /** A store in {@code root}, whose presigned URLs are {@code urls}, served by files-service. */
    public LocalBlobStore(Path root, long maxLength, SignedUrls urls) {
        this.root = root.toAbsolutePath().normalize();
        this.temp = this.root.resolve(".tmp");
        this.maxLength = maxLength;
        this.urls = urls;
        try {
            Files.createDirectories(temp);
            // Temporary files of writes a crash interrupted; nothing refers to them.
            try (Stream<Path> leftovers = Files.list(temp)) {
                for (Path leftover : leftovers.toList()) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the file store at " + this.root, e);
        }
    }

    @Override
    public BlobInfo put(BlobKey key, InputStream content, long length, String contentType) {
        if (length > maxLength) {
            throw BlobRejectedException.tooLarge(maxLength);
        }
        String type = BlobInfo.contentType(contentType);
        Path target = file(key);
        Path tmp = temp.resolve(UUID.randomUUID() + ".part");
        try {
            long written;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                out.write(MAGIC);
                out.write((type + "\n").getBytes(StandardCharsets.US_ASCII));
                written = copy(content, out, length);
                out.flush();
                // Durable before it becomes visible: after the move a crash must not leave an empty or partial blob.
                channel.force(true);
            }
            moveIntoPlace(tmp, target);
            return new BlobInfo(key, written, type, Files.getLastModifiedTime(target).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write blob " + key, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Copies to the end of the stream, refusing more than the limit or a count other than {@code length}. */
    private long copy(InputStream in, OutputStream out, long length) throws IOException {
        long limit = length == UNKNOWN_LENGTH ? maxLength : length;
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                // The sender's stream broke (a client went away mid-upload): its failure, not the store's.
                throw new BlobRejectedException("upload_incomplete", "The upload stream broke after " + total
                        + " bytes: " + e.getMessage());
            }
            if (n < 0) {
                break;
            }
            total += n;
            if (total > limit) {
                throw length == UNKNOWN_LENGTH ? BlobRejectedException.tooLarge(maxLength)
                        : BlobRejectedException.lengthMismatch(length, -1);
            }
            out.write(buffer, 0, n);
        }
        if (length != UNKNOWN_LENGTH && total != length) {
            throw BlobRejectedException.lengthMismatch(length, total);
        }
        return total;
    }

    private void moveIntoPlace(Path tmp, Path target) throws IOException {
        // A deleteByPrefix running at the same time may remove the directory between creating it and the move.
        for (int attempt = 0; ; attempt++) {
            Files.createDirectories(target.getParent());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                break;
            } catch (NoSuchFileException e) {
                if (attempt >= 3) {
                    throw e;
                }
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The file store's temporary directory " + temp + " is on another file system than "
                        + target, e);
            }
        }
        fsyncDirectory(target.getParent());
    }

    @Override
    public Optional<Blob> get(BlobKey key) {
        Path file = file(key);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read blob " + key, e);
        }
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
        try {
            // Size and header from the open file, not the path: a put replacing the blob meanwhile moves a new file
            // into place, and this stream keeps reading the old one whole.
            long size = channel.size();
            Header header = readHeader(in, key);
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new Blob(new BlobInfo(key, size - header.length(), header.contentType(), modified), in));
        } catch (NoSuchFileException e) {
            closeQuietly(in);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException("Cannot read blob " + key, e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(BlobKey key) {
        return get(key).map(blob -> {
            blob.close();
            return blob.info();
        });
    }

    @Override
    public void delete(BlobKey key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete blob " + key, e);
        }
    }

    @Override
    public int deleteByPrefix(BlobKey prefix) {
        int deleted = 0;
        try {
            if (Files.deleteIfExists(file(prefix))) {
                deleted++;
            }
            Path dir = directory(prefix);
            if (Files.isDirectory(dir)) {
                List<Path> paths;
                try (Stream<Path> walk = Files.walk(dir)) {
                    paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
                }
                for (Path path : paths) {
                    if (path.getFileName().toString().endsWith(SUFFIX)) {
                        if (Files.deleteIfExists(path)) {
                            deleted++;
                        }
                    } else {
                        try {
                            Files.deleteIfExists(path);
                        } catch (DirectoryNotEmptyException e) {
                            // A put below the prefix landed while deleting; it happened after the delete began.
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the blobs under " + prefix, e);
        }
        return deleted;
    }

    @Override
    public PresignedRequest presignUpload(BlobKey key, long length, String contentType, Duration lifetime) {
        if (length > maxLength) {
            throw BlobRejectedException.tooLarge(maxLength);
        }
        return urls.upload(key, length, contentType, lifetime);
    }

    @Override
    public PresignedRequest presignDownload(BlobKey key, Duration lifetime, String downloadName) {
        return urls.download(key, lifetime, downloadName);
    }

    @Override
    public long maxLength() {
        return maxLength;
    }

    private Path file(BlobKey key) {
        return root.resolve(key.workspaceId()).resolve(key.path() + SUFFIX);
    }

    private Path directory(BlobKey key) {
        return root.resolve(key.workspaceId()).resolve(key.path());
    }

    private record Header(String contentType, long length) {
    }

    private static Header readHeader(InputStream in, BlobKey key) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("Blob " + key + " is not in the store's format");
        }
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0 || type.size() > MAX_HEADER) {
                throw new IOException("Blob " + key + " has a broken header");
            }
            type.write(c);
        }
        return new Header(type.toString(StandardCharsets.US_ASCII), MAGIC.length + type.size() + 1L);
    }

    private static void fsyncDirectory(Path dir) {
        // The move is durable only once the directory entry is; Linux allows fsync on a directory opened for reading.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse fsync on directories; the data itself is already forced.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover temporary file is removed at the next start.
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Already failing; the first error is the one to report.
        }
    }
}
