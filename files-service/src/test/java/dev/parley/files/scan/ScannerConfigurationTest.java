package dev.parley.files.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.files.processing.ContentSniffer;
import dev.parley.files.processing.TextExtractor;
import dev.parley.files.processing.Thumbnailer;
import dev.parley.files.processing.UnsafeImageException;
import dev.parley.files.scan.clamav.ClamdScanner;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code parley.files.scanner} picks the scanner (none by default) and {@code parley.files.processing.*} bounds the rest. */
class ScannerConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(load("dev.parley.files.scan.NoScannerConfiguration"),
                    load("dev.parley.files.scan.clamav.ClamdScannerConfiguration"),
                    load("dev.parley.files.processing.ProcessingConfiguration")))
            .withPropertyValues("parley.target=files");

    @TempDir
    Path dir;

    @Test
    void byDefaultNoScannerIsConfigured() {
        context.run(started -> {
            assertThat(started).hasSingleBean(MalwareScanner.class);
            assertThat(started.getBean(MalwareScanner.class)).isSameAs(MalwareScanner.NONE);
            assertThat(started).hasSingleBean(ContentSniffer.class).hasSingleBean(Thumbnailer.class)
                    .hasSingleBean(TextExtractor.class);
        });
    }

    @Test
    void clamavIsChosenByTheProperty() {
        context.withPropertyValues("parley.files.scanner=clamav", "parley.files.clamav.host=127.0.0.1",
                "parley.files.clamav.port=1", "parley.files.clamav.timeout=1s").run(started -> {
                    assertThat(started).hasSingleBean(MalwareScanner.class);
                    assertThat(started.getBean(MalwareScanner.class)).isInstanceOf(ClamdScanner.class);
                    assertThat(started.getBean(MalwareScanner.class).enabled()).isTrue();
                });
    }

    @Test
    void thePixelLimitIsConfigured() throws Exception {
        Path image = dir.resolve("a.png");
        ImageIO.write(new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        context.withPropertyValues("parley.files.processing.max-image-pixels=10000").run(started ->
                org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> started.getBean(Thumbnailer.class).thumbnails(image, "image/png"))
                        .isInstanceOf(UnsafeImageException.class));
        assertThat(Files.size(image)).isPositive();
    }

    @Test
    void otherRolesGetNone() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(load("dev.parley.files.scan.NoScannerConfiguration"),
                        load("dev.parley.files.processing.ProcessingConfiguration")))
                .withPropertyValues("parley.target=gateway")
                .run(started -> assertThat(started).doesNotHaveBean(MalwareScanner.class)
                        .doesNotHaveBean(Thumbnailer.class));
    }

    /** Package-private in their own packages, as configurations are; loaded by name. */
    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
