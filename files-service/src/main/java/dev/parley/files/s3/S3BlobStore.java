package dev.parley.files.s3;

import dev.parley.files.Blob;
import dev.parley.files.BlobInfo;
import dev.parley.files.BlobKey;
import dev.parley.files.BlobRejectedException;
import dev.parley.files.BlobStore;
import dev.parley.files.FilesProperties;
import dev.parley.files.PresignedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Blobs as objects of one bucket of an S3-compatible server, under {@code <keyPrefix><workspaceId>/<path>}. A blob up
 * to the part size goes in one PUT; a larger one (or one of unknown length that turns out larger) is sent as a
 * multipart upload, one part in memory at a time, and aborted if anything fails, so a failed put leaves no object and
 * no stray parts. Presigned URLs are SigV4 query-signed by {@link S3Presigner}; an upload URL signs the content
 * length, so the server refuses a different one.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    /** The smallest part S3 accepts, except for the last one. */
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String keyPrefix;
    private final int partSize;
    private final long maxLength;

    /** A store over clients the caller made; {@link #close()} closes them. */
    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, String keyPrefix, long partSize, long maxLength) {
        if (partSize < MIN_PART_SIZE || partSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("The part size must be between 5 MiB and 2 GiB: " + partSize);
        }
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
        this.partSize = (int) partSize;
        this.maxLength = maxLength;
    }

    /** Connects to the server {@code config} names, creating the bucket if it is missing and configured to. */
    public static S3BlobStore connect(FilesProperties.S3 config, long maxLength) {
        AwsCredentialsProvider credentials = config.accessKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(config.region());
        S3Configuration addressing = S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
        S3ClientBuilder client = S3Client.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(addressing);
        S3Presigner.Builder presigner = S3Presigner.builder().region(region).credentialsProvider(credentials)
                .serviceConfiguration(addressing);
        URI endpoint = config.endpoint();
        if (endpoint != null) {
            client.endpointOverride(endpoint);
            presigner.endpointOverride(endpoint);
        }
        S3BlobStore store = new S3BlobStore(client.build(), presigner.build(), config.bucket(), config.keyPrefix(),
                config.partSize().toBytes(), maxLength);
        try {
            store.checkBucket(config.createBucket());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void checkBucket(boolean create) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            if (!create) {
                throw new IllegalStateException("The bucket " + bucket + " does not exist; create it or set "
                        + "parley.files.s3.create-bucket=true", e);
            }
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && create) {
                s3.createBucket(b -> b.bucket(bucket));
            } else {
                throw e;
            }
        }
    }

    @Override
    public BlobInfo put(BlobKey key, InputStream content, long length, String contentType) {
        if (length > maxLength) {
            throw BlobRejectedException.tooLarge(maxLength);
        }
        String type = BlobInfo.contentType(contentType);
        String objectKey = objectKey(key);
        PushbackInputStream in = new PushbackInputStream(content, 1);
        byte[] part = readPart(in);
        long total = checked(part.length, length);
        if (atEnd(in)) {
            checkComplete(total, length);
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(objectKey).contentType(type)
                    .contentLength((long) part.length).build(), RequestBody.fromBytes(part));
            return stat(key).orElseThrow(() -> new IllegalStateException("Blob " + key + " vanished after its put"));
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey).contentType(type)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (part.length > 0) {
                int number = parts.size() + 1;
                byte[] bytes = part;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number)
                        .contentLength((long) bytes.length), RequestBody.fromBytes(bytes)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                part = readPart(in);
                total = checked(total + part.length, length);
            }
            checkComplete(total, length);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
        return stat(key).orElseThrow(() -> new IllegalStateException("Blob " + key + " vanished after its upload"));
    }

    /** Up to one part's bytes; fewer only at the end of the stream. */
    private byte[] readPart(InputStream in) {
        try {
            return in.readNBytes(partSize);
        } catch (IOException e) {
            throw new BlobRejectedException("upload_incomplete", "The upload stream broke: " + e.getMessage());
        }
    }

    private static boolean atEnd(PushbackInputStream in) {
        try {
            int next = in.read();
            if (next < 0) {
                return true;
            }
            in.unread(next);
            return false;
        } catch (IOException e) {
            throw new BlobRejectedException("upload_incomplete", "The upload stream broke: " + e.getMessage());
        }
    }

    private long checked(long total, long length) {
        if (length != UNKNOWN_LENGTH && total > length) {
            throw BlobRejectedException.lengthMismatch(length, -1);
        }
        if (total > maxLength) {
            throw BlobRejectedException.tooLarge(maxLength);
        }
        return total;
    }

    private static void checkComplete(long total, long length) {
        if (length != UNKNOWN_LENGTH && total != length) {
            throw BlobRejectedException.lengthMismatch(length, total);
        }
    }

    @Override
    public Optional<Blob> get(BlobKey key) {
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(b -> b.bucket(bucket).key(objectKey(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        GetObjectResponse response = in.response();
        return Optional.of(new Blob(new BlobInfo(key, response.contentLength(), response.contentType(),
                response.lastModified()), in));
    }

    @Override
    public Optional<BlobInfo> stat(BlobKey key) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(objectKey(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // A HEAD has no body to carry the error code; a 404 is all it says.
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new BlobInfo(key, head.contentLength(), head.contentType(), head.lastModified()));
    }

    @Override
    public void delete(BlobKey key) {
        s3.deleteObject(b -> b.bucket(bucket).key(objectKey(key)));
    }

    @Override
    public int deleteByPrefix(BlobKey prefix) {
        String exact = objectKey(prefix);
        List<ObjectIdentifier> doomed = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(exact)).contents()) {
            // The listing is by string prefix; whole segments only: F1 and F1/..., not F10.
            if (object.key().equals(exact) || object.key().startsWith(exact + "/")) {
                doomed.add(ObjectIdentifier.builder().key(object.key()).build());
            }
        }
        int deleted = 0;
        for (int from = 0; from < doomed.size(); from += 1000) {
            List<ObjectIdentifier> batch = doomed.subList(from, Math.min(doomed.size(), from + 1000));
            var response = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw new IllegalStateException("Could not delete " + response.errors().size() + " blobs under "
                        + prefix + ", first: " + response.errors().getFirst());
            }
            deleted += batch.size();
        }
        return deleted;
    }

    @Override
    public PresignedRequest presignUpload(BlobKey key, long length, String contentType, Duration lifetime) {
        if (length < 0) {
            throw new IllegalArgumentException("An upload URL needs the length of the upload");
        }
        if (length > maxLength) {
            throw BlobRejectedException.tooLarge(maxLength);
        }
        String type = BlobInfo.contentType(contentType);
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p.signatureDuration(lifetime)
                .putObjectRequest(PutObjectRequest.builder().bucket(bucket).key(objectKey(key)).contentType(type)
                        .contentLength(length).build()));
        return new PresignedRequest("PUT", URI.create(presigned.url().toString()), clientHeaders(presigned.signedHeaders()),
                presigned.expiration());
    }

    @Override
    public PresignedRequest presignDownload(BlobKey key, Duration lifetime, String downloadName) {
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(objectKey(key));
        get.responseContentDisposition(downloadName == null ? "attachment"
                : ContentDisposition.attachment().filename(downloadName, java.nio.charset.StandardCharsets.UTF_8).build()
                        .toString());
        PresignedGetObjectRequest presigned = presigner.presignGetObject(p -> p.signatureDuration(lifetime)
                .getObjectRequest(get.build()));
        return new PresignedRequest("GET", URI.create(presigned.url().toString()), clientHeaders(presigned.signedHeaders()),
                presigned.expiration());
    }

    /** The signed headers the client must send, less Host, which every HTTP client sets from the URL itself. */
    private static Map<String, String> clientHeaders(Map<String, List<String>> signed) {
        Map<String, String> headers = new HashMap<>();
        signed.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }

    @Override
    public long maxLength() {
        return maxLength;
    }

    S3Client s3() {
        return s3;
    }

    S3Presigner presigner() {
        return presigner;
    }

    private String objectKey(BlobKey key) {
        return keyPrefix + key.qualified();
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
