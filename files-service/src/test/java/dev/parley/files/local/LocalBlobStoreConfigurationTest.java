package dev.parley.files.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.files.BlobStore;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import dev.parley.files.signed.SignedUrls;

/** The local store is the files role's default, configured from {@code parley.files.*}, and absent otherwise. */
class LocalBlobStoreConfigurationTest {

    private final Path data = Path.of("target", "local-blob-store-configuration-test", UUID.randomUUID().toString())
            .toAbsolutePath();
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LocalBlobStoreConfiguration.class, signedUrlConfiguration()))
            .withPropertyValues("parley.data-dir=" + data);

    /** Package-private in its own package, as configurations are; loaded by name. */
    static Class<?> signedUrlConfiguration() {
        try {
            return Class.forName("dev.parley.files.signed.SignedUrlConfiguration");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutAStoreSettingTheFilesRoleGetsTheLocalStoreAndItsSignedUrls() {
        context.withPropertyValues("parley.target=files", "parley.files.max-size=3MB").run(started -> {
            assertThat(started).hasSingleBean(BlobStore.class).hasSingleBean(SignedUrls.class);
            assertThat(started.getBean(BlobStore.class).maxLength()).isEqualTo(3L * 1024 * 1024);
            assertThat(data.resolve("files").resolve(".signing-key")).isRegularFile();
        });
    }

    @Test
    void theDefaultLimitIsOneGibibyte() {
        context.withPropertyValues("parley.target=files").run(started ->
                assertThat(started.getBean(BlobStore.class).maxLength()).isEqualTo(1024L * 1024 * 1024));
    }

    @Test
    void aConfiguredPathPublicUrlAndKeyAreUsed() {
        Path elsewhere = data.resolve("elsewhere");
        context.withPropertyValues("parley.target=files", "parley.files.local.path=" + elsewhere,
                "parley.files.public-url=https://files.example.test/",
                "parley.files.signing-key=0123456789abcdef0123456789abcdef").run(started -> {
                    BlobStore store = started.getBean(BlobStore.class);
                    assertThat(store.presignDownload(dev.parley.files.BlobKey.of("T1", "F1"), java.time.Duration.ofMinutes(1),
                            null).url().toString()).startsWith("https://files.example.test/blobs/download?");
                    assertThat(elsewhere.resolve(".tmp")).isDirectory();
                    assertThat(elsewhere.resolve(".signing-key")).doesNotExist();
                });
    }

    @Test
    void aShortSigningKeyStopsStartUp() {
        context.withPropertyValues("parley.target=files", "parley.files.signing-key=short").run(failed ->
                assertThat(failed).getFailure().hasStackTraceContaining("at least 32 characters"));
    }

    @Test
    void anotherStoreOrAnotherRoleHasNoLocalStore() {
        // Without the signed URLs' configuration, whose routes need some store.
        ApplicationContextRunner local = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LocalBlobStoreConfiguration.class))
                .withPropertyValues("parley.data-dir=" + data);
        local.withPropertyValues("parley.target=files", "parley.files.store=s3").run(started ->
                assertThat(started).hasNotFailed().doesNotHaveBean(LocalBlobStore.class));
        context.withPropertyValues("parley.target=messaging").run(started ->
                assertThat(started).hasNotFailed().doesNotHaveBean(LocalBlobStore.class).doesNotHaveBean(SignedUrls.class));
    }
}
