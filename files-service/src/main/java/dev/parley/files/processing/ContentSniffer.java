package dev.parley.files.processing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * Tells a file's type from its bytes (Apache Tika's detectors: magic numbers, then the containers inside zip and OLE2
 * files, which tell DOCX from XLSX from a plain zip), and whether its name disguises it.
 *
 * <p>The name never overrides the bytes: Tika uses it only to refine a type the bytes leave open (text that the name
 * says is CSV). <b>The disguise rule</b> ({@link #isDisguised}): a file is disguised when its name's extension claims a
 * known type, its bytes are a known different type, and either
 * <ul>
 *   <li>the bytes are active content — an executable (PE, ELF, Mach-O, MSI), HTML, XHTML, SVG or JavaScript — and the
 *       name does not admit active content (an {@code .exe} or {@code .html} that is what it says is not disguised), or</li>
 *   <li>the name claims an image or a PDF — the types Parley previews — and the bytes are not of that kind (a
 *       {@code .png} that is a PDF; a PNG named {@code .jpg} is merely mislabelled and passes).</li>
 * </ul>
 * Bytes of no known type ({@code application/octet-stream}) and names without a known extension are never disguised:
 * nothing contradicts anything, and such files are served as plain downloads.
 */
public class ContentSniffer {

    static final MediaType UNKNOWN = MediaType.OCTET_STREAM;

    /** Types a browser or an OS would run or render as a page if the name let them through. */
    private static final Set<String> ACTIVE = Set.of(
            "application/x-msdownload", "application/x-dosexec", "application/x-executable", "application/x-elf",
            "application/x-sharedlib", "application/x-mach-o", "application/x-mach-o-executable",
            "application/x-ms-installer", "text/html", "application/xhtml+xml", "image/svg+xml",
            "application/javascript", "text/javascript");

    /** Slack's {@code filetype} and {@code pretty_type} for the MIME types it names. */
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            kind("image/png", "png", "PNG"),
            kind("image/jpeg", "jpg", "JPEG"),
            kind("image/gif", "gif", "GIF"),
            kind("image/webp", "webp", "WebP"),
            kind("image/bmp", "bmp", "BMP"),
            kind("image/tiff", "tiff", "TIFF"),
            kind("image/svg+xml", "svg", "SVG"),
            kind("image/vnd.adobe.photoshop", "psd", "Photoshop"),
            kind("application/pdf", "pdf", "PDF"),
            kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word Document"),
            kind("application/msword", "doc", "Word Document"),
            kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel Spreadsheet"),
            kind("application/vnd.ms-excel", "xls", "Excel Spreadsheet"),
            kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx",
                    "PowerPoint Presentation"),
            kind("application/vnd.ms-powerpoint", "ppt", "PowerPoint Presentation"),
            kind("application/vnd.oasis.opendocument.text", "odt", "OpenDocument Text"),
            kind("application/vnd.oasis.opendocument.spreadsheet", "ods", "OpenDocument Spreadsheet"),
            kind("application/vnd.oasis.opendocument.presentation", "odp", "OpenDocument Presentation"),
            kind("application/rtf", "rtf", "Rich Text"),
            kind("text/plain", "text", "Plain Text"),
            kind("text/csv", "csv", "CSV"),
            kind("text/tab-separated-values", "tsv", "TSV"),
            kind("text/html", "html", "HTML"),
            kind("application/xhtml+xml", "html", "HTML"),
            kind("text/markdown", "markdown", "Markdown (raw)"),
            kind("text/x-web-markdown", "markdown", "Markdown (raw)"),
            kind("application/json", "json", "JSON"),
            kind("application/xml", "xml", "XML"),
            kind("text/xml", "xml", "XML"),
            kind("application/zip", "zip", "Zip"),
            kind("application/gzip", "gzip", "GZip"),
            kind("application/x-tar", "tar", "Tar"),
            kind("audio/mpeg", "mp3", "MP3"),
            kind("audio/x-wav", "wav", "WAV"),
            kind("audio/vnd.wave", "wav", "WAV"),
            kind("video/mp4", "mp4", "MPEG 4 Video"),
            kind("video/quicktime", "mov", "QuickTime Movie"),
            kind("video/webm", "webm", "WebM"));

    private static final Kind BINARY = new Kind("binary", "Binary");
    private static final Kind TEXT = new Kind("text", "Plain Text");

    private final Detector detector;
    private final MediaTypeRegistry registry;

    public ContentSniffer() {
        TikaConfig tika = TikaConfig.getDefaultConfig();
        this.detector = tika.getDetector();
        this.registry = tika.getMediaTypeRegistry();
    }

    /** The type of {@code file} from its bytes; {@code claimedName} (may be null) only refines a type the bytes leave open. */
    public Sniffed sniff(Path file, String claimedName) {
        Metadata metadata = new Metadata();
        if (claimedName != null && !claimedName.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, claimedName);
        }
        MediaType type;
        try (TikaInputStream in = TikaInputStream.get(file)) {
            type = detector.detect(in, metadata).getBaseType();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " to sniff its type", e);
        }
        return describe(type);
    }

    /**
     * Whether {@code claimedName}'s extension disguises the sniffed type dangerously, by the rule in the class comment;
     * the Web API refuses such uploads.
     */
    public boolean isDisguised(String claimedName, Sniffed sniffed) {
        MediaType claimed = nameType(claimedName);
        MediaType actual = MediaType.parse(sniffed.mimetype());
        if (claimed.equals(UNKNOWN) || actual == null || actual.equals(UNKNOWN) || claimed.equals(actual)) {
            return false;
        }
        if (isActive(actual)) {
            // Checked before kinship: HTML is a kind of text, yet HTML named .txt is exactly the disguise to stop.
            return !isActive(claimed);
        }
        if (related(claimed, actual)) {
            return false;
        }
        if (isImage(claimed)) {
            return !isImage(actual);
        }
        return claimed.equals(MediaType.application("pdf"));
    }

    /** The type the name's extension alone claims, {@code application/octet-stream} when it claims none. */
    MediaType nameType(String name) {
        if (name == null || name.isBlank()) {
            return UNKNOWN;
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try {
            // Without a stream Tika's detectors go by the name alone.
            return detector.detect(null, metadata).getBaseType();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Sniffed describe(MediaType type) {
        String mimetype = type.toString();
        Kind kind = KINDS.get(mimetype);
        if (kind == null) {
            MediaType known = type;
            while (kind == null && (known = registry.getSupertype(known)) != null) {
                kind = KINDS.get(known.toString());
            }
            // Source code and the like read as text; what Slack has no name for is binary.
            if (kind == null) {
                kind = type.getType().equals("text") ? TEXT : BINARY;
            }
        }
        return new Sniffed(mimetype, kind.filetype(), kind.prettyType());
    }

    private boolean related(MediaType a, MediaType b) {
        return registry.isSpecializationOf(a, b) || registry.isSpecializationOf(b, a) || (isImage(a) && isImage(b));
    }

    private boolean isActive(MediaType type) {
        for (MediaType t = type; t != null; t = registry.getSupertype(t)) {
            if (ACTIVE.contains(t.getBaseType().toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isImage(MediaType type) {
        return type.getType().equals("image");
    }

    private static Map.Entry<String, Kind> kind(String mimetype, String filetype, String prettyType) {
        return Map.entry(mimetype, new Kind(filetype, prettyType));
    }

    private record Kind(String filetype, String prettyType) {
    }
}
