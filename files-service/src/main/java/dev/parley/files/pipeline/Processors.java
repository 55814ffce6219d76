package dev.parley.files.pipeline;

import dev.parley.common.api.SlackApiException;
import dev.parley.files.processing.ContentSniffer;
import dev.parley.files.processing.ImageSize;
import dev.parley.files.processing.Sniffed;
import dev.parley.files.processing.TextExtractor;
import dev.parley.files.processing.Thumbnailer;
import dev.parley.files.processing.UnreadableImageException;
import dev.parley.files.processing.UnsafeImageException;
import dev.parley.files.scan.MalwareScanner;
import java.nio.file.Path;
import java.util.Map;
import dev.parley.files.FilesProperties;
import org.springframework.stereotype.Component;

/** The content processors (and their limits) that uploads and the pipeline share. */
@Component
public class Processors {

    private final ContentSniffer sniffer;
    private final Thumbnailer thumbnailer;
    private final TextExtractor extractor;
    private final MalwareScanner scanner;
    private final PipelineProperties properties;
    private final FilesProperties.Processing limits;

    @org.springframework.beans.factory.annotation.Autowired
    Processors(ContentSniffer sniffer, Thumbnailer thumbnailer, TextExtractor extractor, MalwareScanner scanner,
               PipelineProperties properties, FilesProperties files) {
        this(sniffer, thumbnailer, extractor, scanner, properties, files.processing());
    }

    Processors(ContentSniffer sniffer, Thumbnailer thumbnailer, TextExtractor extractor, MalwareScanner scanner,
               PipelineProperties properties, FilesProperties.Processing limits) {
        this.sniffer = sniffer;
        this.thumbnailer = thumbnailer;
        this.extractor = extractor;
        this.scanner = scanner;
        this.properties = properties;
        this.limits = limits;
    }

    long maxImagePixels() {
        return limits.maxImagePixels();
    }

    int maxTextChars() {
        return limits.maxTextChars();
    }

    ContentSniffer sniffer() {
        return sniffer;
    }

    Thumbnailer thumbnailer() {
        return thumbnailer;
    }

    TextExtractor extractor() {
        return extractor;
    }

    MalwareScanner scanner() {
        return scanner;
    }

    PipelineProperties properties() {
        return properties;
    }

    /** How many leading bytes of an upload {@link #check} needs. */
    public long checkBytes() {
        return properties.checkBytes().toBytes();
    }

    /**
     * What an upload's bytes (all of them, or its first {@link #checkBytes()}) are, refusing with a Slack error a type
     * its name disguises ({@code invalid_file_type}) and an image that declares more pixels than allowed, a
     * decompression bomb ({@code image_too_large}).
     */
    public Sniffed check(Path bytes, String name) {
        Sniffed sniffed = sniffer.sniff(bytes, name);
        if (sniffer.isDisguised(name, sniffed)) {
            throw new SlackApiException("invalid_file_type", Map.of("detail",
                    "The file's bytes are " + sniffed.mimetype() + ", which its name " + name + " disguises"));
        }
        if (Thumbnailer.supports(sniffed.mimetype())) {
            try {
                ImageSize size = thumbnailer.size(bytes, sniffed.mimetype());
                if ((long) size.width() * size.height() > limits.maxImagePixels()) {
                    throw tooLarge(size.width() + "x" + size.height() + " pixels");
                }
            } catch (UnsafeImageException e) {
                throw tooLarge(e.getMessage());
            } catch (UnreadableImageException e) {
                // Not an image after all, or a broken one: stored as a file, without thumbnails.
            }
        }
        return sniffed;
    }

    private SlackApiException tooLarge(String what) {
        return new SlackApiException("image_too_large", Map.of("detail", "The image declares " + what
                + ", more than the limit of " + limits.maxImagePixels() + " pixels (a decompression bomb?)"));
    }
}
