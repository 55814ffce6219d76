package dev.parley.files;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Files configuration ({@code parley.files.*}). {@code store} picks the blob store adapter: {@code local} (the default,
 * files under {@code local.path}, else {@code <parley.data-dir>/files}) or {@code s3} (a bucket of an S3-compatible
 * server, with SigV4-presigned URLs). {@code max-size} is the largest file accepted; the URL lifetimes bound how long a
 * handed-out URL works.
 *
 * <p>files-service also serves URLs of its own, HMAC-signed with {@code signing-key} (null: a random key kept in the
 * local store's directory, which suits one standalone process; several processes need the same configured key), at
 * {@code public-url} (null: {@code parley.public-url}): all of the local store's, and for any store the upload URLs
 * Slack's SDKs POST to.
 *
 * <p>{@code scanner} picks the malware scanner: {@code none} (the default, no scanner configured) or {@code clamav} (a
 * clamd at {@code clamav.*}); {@code processing} bounds thumbnailing and text extraction.
 */
@ConfigurationProperties("parley.files")
public record FilesProperties(
        @DefaultValue("local") String store,
        @DefaultValue("1GB") DataSize maxSize,
        @DefaultValue("15m") Duration uploadUrlLifetime,
        @DefaultValue("5m") Duration downloadUrlLifetime,
        URI publicUrl,
        String signingKey,
        @DefaultValue Local local,
        @DefaultValue S3 s3,
        @DefaultValue("none") String scanner,
        @DefaultValue Clamav clamav,
        @DefaultValue Processing processing) {

    /** {@code local.path}, else {@code <parley.data-dir>/files}: the local store's directory, and its signing key's. */
    public Path localDirectory(Environment env) {
        return local.path() != null ? local.path()
                : Path.of(env.getProperty("parley.data-dir", Path.of(System.getProperty("user.home"), ".parley").toString()))
                        .resolve("files");
    }

    /** The local-disk store: its directory (null for {@code <parley.data-dir>/files}). */
    public record Local(Path path) {
    }

    /**
     * The S3 store: the server's endpoint (null for AWS itself), its region, the bucket, the static credentials (null:
     * the SDK's default chain), path-style addressing (what S3-compatible servers expect), the multipart part size
     * (blobs above it are sent in parts; S3 wants at least 5 MiB), a prefix of every object key (several
     * installations can share a bucket), and whether to create the bucket at start when it is missing.
     */
    public record S3(URI endpoint,
                     @DefaultValue("us-east-1") String region,
                     @DefaultValue("parley-files") String bucket,
                     String accessKey,
                     String secretKey,
                     @DefaultValue("true") boolean pathStyle,
                     @DefaultValue("16MB") DataSize partSize,
                     @DefaultValue("") String keyPrefix,
                     @DefaultValue("false") boolean createBucket) {
    }

    /** The clamd that {@code scanner=clamav} streams files to, and how long a connect, read or write may take. */
    public record Clamav(@DefaultValue("127.0.0.1") String host,
                         @DefaultValue("3310") int port,
                         @DefaultValue("30s") Duration timeout) {
    }

    /**
     * Limits of content processing: images declaring more than {@code maxImagePixels} are refused before decoding (a
     * decompression bomb), and at most {@code maxTextChars} characters of a document's text are extracted for search.
     */
    public record Processing(@DefaultValue("50000000") long maxImagePixels,
                             @DefaultValue("1000000") int maxTextChars) {
    }
}
