package dev.parley.files.signed;

import dev.parley.files.BlobInfo;
import dev.parley.files.BlobKey;
import dev.parley.files.BlobRejectedException;
import dev.parley.files.PresignedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned URLs that files-service itself serves ({@link SignedUrlRoutes}), whatever the blob store: the local store's
 * only URLs, and for any store the upload URL Slack's SDKs need, since they POST the raw bytes (which an S3 presigned
 * PUT does not take) and files-service then streams them into the store. Everything the URL grants (the method, the
 * key, the length or file name, the expiry) is in its query and covered by an HMAC-SHA256 of it, so files-service
 * checks a URL without remembering it, and a URL whose parameters were changed, or which is used after its expiry, is
 * refused.
 */
public final class SignedUrls {

    static final String UPLOAD_PATH = "/blobs/upload";
    static final String DOWNLOAD_PATH = "/blobs/download";

    private final byte[] key;
    private final URI base;
    private final Clock clock;

    /** {@code key}: the HMAC key, at least 32 bytes; {@code base}: where clients reach files-service. */
    public SignedUrls(byte[] key, URI base, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The signing key of local file URLs needs at least 32 bytes");
        }
        this.key = key.clone();
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.clock = clock;
    }

    /** What a valid upload URL allows: {@code length} bytes of {@code contentType} to {@code key}. */
    public record Upload(BlobKey key, long length, String contentType) {
    }

    /** What a valid download URL allows: reading {@code key}, offered as {@code name} (or null). */
    public record Download(BlobKey key, String name) {
    }

    /** A PUT (or POST) of exactly {@code length} bytes to {@code key}, stored with {@code contentType}. */
    public PresignedRequest upload(BlobKey key, long length, String contentType, Duration lifetime) {
        if (length < 0) {
            throw new IllegalArgumentException("An upload URL needs the length of the upload");
        }
        Instant expires = expiry(lifetime);
        return new PresignedRequest("PUT", upload(key, length, BlobInfo.contentType(contentType), expires), Map.of(),
                expires);
    }

    /** A GET of {@code key}, offered for saving as {@code name} (or, if null, without a name). */
    public PresignedRequest download(BlobKey key, Duration lifetime, String name) {
        Instant expires = expiry(lifetime);
        return new PresignedRequest("GET", download(key, name, expires), Map.of(), expires);
    }

    private Instant expiry(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("A URL's lifetime must be positive: " + lifetime);
        }
        // Whole seconds, rounded up, as the URL carries them.
        long seconds = lifetime.getSeconds() + (lifetime.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(clock.instant().getEpochSecond() + seconds);
    }

    private URI upload(BlobKey blob, long length, String contentType, Instant expires) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("key", blob.qualified());
        query.put("length", Long.toString(length));
        query.put("type", contentType);
        query.put("expires", Long.toString(expires.getEpochSecond()));
        query.put("signature", sign(uploadText(blob.qualified(), query.get("length"), contentType, query.get("expires"))));
        return url(UPLOAD_PATH, query);
    }

    private URI download(BlobKey blob, String name, Instant expires) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("key", blob.qualified());
        if (name != null) {
            query.put("name", name);
        }
        query.put("expires", Long.toString(expires.getEpochSecond()));
        query.put("signature", sign(downloadText(blob.qualified(), name, query.get("expires"))));
        return url(DOWNLOAD_PATH, query);
    }

    /** Checks an upload URL's query (parameters already decoded). */
    public Upload verifyUpload(Map<String, String> query) {
        String keyText = required(query, "key");
        String length = required(query, "length");
        String type = required(query, "type");
        String expires = required(query, "expires");
        check(query.get("signature"), uploadText(keyText, length, type, expires), expires);
        return new Upload(BlobKey.parse(keyText), Long.parseLong(length), type);
    }

    /** Checks a download URL's query (parameters already decoded). */
    public Download verifyDownload(Map<String, String> query) {
        String keyText = required(query, "key");
        String name = query.get("name");
        String expires = required(query, "expires");
        check(query.get("signature"), downloadText(keyText, name, expires), expires);
        return new Download(BlobKey.parse(keyText), name);
    }

    private void check(String signature, String text, String expires) {
        // The signature first: an expiry the client changed is a forgery, not an expired URL.
        byte[] given;
        try {
            given = signature == null ? new byte[0] : Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(mac(text), given)) {
            throw new BlobRejectedException("invalid_signature", "The URL's signature does not match its parameters");
        }
        if (clock.instant().getEpochSecond() >= Long.parseLong(expires)) {
            throw new BlobRejectedException("url_expired", "The URL expired at " + Instant.ofEpochSecond(Long.parseLong(expires)));
        }
    }

    /** A random key made once and kept in {@code file}, readable by the owner only, so URLs outlive a restart. */
    public static byte[] keptKey(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path tmp = Files.createTempFile(file.getParent(), ".signing-key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh), StandardOpenOption.WRITE);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the signing key " + file, e);
        }
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw new BlobRejectedException("invalid_signature", "The URL lacks its " + name + " parameter");
        }
        return value;
    }

    // Newline-separated fields: none of them can hold a newline (keys are checked, numbers are numbers, and the name
    // and content type are only ever compared as signed), so no two different grants sign the same text.
    private static String uploadText(String key, String length, String type, String expires) {
        return "PUT\n" + key + "\n" + length + "\n" + type + "\n" + expires;
    }

    private static String downloadText(String key, String name, String expires) {
        return "GET\n" + key + "\n" + (name == null ? "" : "name=" + name) + "\n" + expires;
    }

    private String sign(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(text));
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private URI url(String path, Map<String, String> query) {
        return URI.create(base + path + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&")));
    }
}
