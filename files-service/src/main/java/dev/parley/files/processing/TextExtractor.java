package dev.parley.files.processing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Extracts the plain text of PDFs (PDFBox), Office documents (POI: DOCX, XLSX, PPTX and the older DOC, XLS, PPT), HTML
 * and text files, with Apache Tika, for search.
 *
 * <p>Limits: at most {@code maxChars} characters come out (Tika stops parsing there). Tika's own zip-bomb guard watches
 * every parse (output far larger than the input, or nesting too deep, ends it), POI refuses OOXML parts that inflate
 * suspiciously, and embedded documents (attachments inside a PDF, files inside a DOCX) are not parsed. Images, audio,
 * video, archives and unknown binaries give "" without being opened; so does a document that cannot be parsed (corrupt,
 * encrypted): it is still a file people may share, just not a searchable one.
 */
public class TextExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(TextExtractor.class);
    private static final Set<String> NOT_TEXT = Set.of("image", "audio", "video");

    private final AutoDetectParser parser = new AutoDetectParser();
    private final Set<MediaType> supported = parser.getSupportedTypes(new ParseContext());

    /** At most {@code maxChars} characters of {@code file}'s text; "" for images, binaries and unknown types. */
    public String extract(Path file, String mimetype, int maxChars) {
        if (maxChars <= 0 || !extractable(mimetype)) {
            return "";
        }
        WriteOutContentHandler text = new WriteOutContentHandler(maxChars);
        Metadata metadata = new Metadata();
        metadata.set(Metadata.CONTENT_TYPE, mimetype);
        try (TikaInputStream in = TikaInputStream.get(file)) {
            parser.parse(in, new BodyContentHandler(text), metadata, new ParseContext());
        } catch (SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                return unparsable(file, mimetype, e);
            }
            // The cap was reached: what was written so far is the answer.
        } catch (TikaException e) {
            return unparsable(file, mimetype, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " to extract its text", e);
        }
        String extracted = text.toString().strip();
        return extracted.length() > maxChars ? extracted.substring(0, maxChars) : extracted;
    }

    /** Whether a parser for {@code mimetype} (or a type it specializes, as CSV does text) is present. */
    boolean extractable(String mimetype) {
        MediaType type = mimetype == null ? null : MediaType.parse(mimetype);
        if (type == null || NOT_TEXT.contains(type.getType())) {
            return false;
        }
        for (MediaType t = type.getBaseType(); t != null; t = parser.getMediaTypeRegistry().getSupertype(t)) {
            if (t.equals(MediaType.OCTET_STREAM)) {
                return false;
            }
            if (supported.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static String unparsable(Path file, String mimetype, Exception e) {
        // A client's broken or encrypted document, not a server fault: one line, no stack trace.
        LOG.info("No text from {} ({}): {}", file.getFileName(), mimetype, e.getMessage());
        return "";
    }
}
