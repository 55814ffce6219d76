package dev.parley.files.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text comes out of PDFs, Office documents, HTML and text, capped; nothing comes out of images, binaries or bombs. */
class TextExtractorTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final TextExtractor extractor = new TextExtractor();

    @TempDir
    Path dir;

    @Test
    void pdfText() {
        Path pdf = Fixtures.write(dir, "a.pdf", Fixtures.pdf("The quarterly zanzibar report"));
        assertThat(extractor.extract(pdf, "application/pdf", 10_000)).contains("quarterly zanzibar report");
    }

    @Test
    void officeText() {
        Path docx = Fixtures.write(dir, "a.docx", Fixtures.docx("First paragraph", "Second about marmalade"));
        assertThat(extractor.extract(docx, DOCX, 10_000)).contains("First paragraph").contains("Second about marmalade");
        Path xlsx = Fixtures.write(dir, "a.xlsx", Fixtures.xlsx("cell of quince"));
        assertThat(extractor.extract(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 10_000))
                .contains("cell of quince");
    }

    @Test
    void plainTextCsvAndHtml() {
        Path txt = Fixtures.write(dir, "a.txt", "grüße aus Köln\nline two".getBytes(StandardCharsets.UTF_8));
        assertThat(extractor.extract(txt, "text/plain", 10_000)).isEqualTo("grüße aus Köln\nline two");
        Path csv = Fixtures.write(dir, "a.csv", "name,fruit\nann,kumquat\n".getBytes(StandardCharsets.UTF_8));
        assertThat(extractor.extract(csv, "text/csv", 10_000)).contains("kumquat");
        Path html = Fixtures.write(dir, "a.html", ("<html><head><script>var hidden = 1;</script></head>"
                + "<body><p>visible <b>persimmon</b></p></body></html>").getBytes(StandardCharsets.UTF_8));
        String text = extractor.extract(html, "text/html", 10_000);
        assertThat(text).contains("visible").contains("persimmon").doesNotContain("<b>").doesNotContain("hidden");
    }

    @Test
    void theOutputIsCapped() {
        String words = "alpha beta gamma delta ".repeat(2_000);
        Path txt = Fixtures.write(dir, "long.txt", words.getBytes(StandardCharsets.UTF_8));
        String text = extractor.extract(txt, "text/plain", 100);
        assertThat(text).hasSizeLessThanOrEqualTo(100).startsWith("alpha beta gamma");

        Path docx = Fixtures.write(dir, "long.docx", Fixtures.docx(words));
        assertThat(extractor.extract(docx, DOCX, 50)).hasSizeLessThanOrEqualTo(50).startsWith("alpha beta");
        assertThat(extractor.extract(docx, DOCX, 0)).isEmpty();
    }

    @Test
    void imagesAndBinariesGiveNothing() {
        Path png = Fixtures.image(dir, "a.png", 40, 40, "png");
        assertThat(extractor.extract(png, "image/png", 10_000)).isEmpty();
        Path bin = Fixtures.write(dir, "a.bin", new byte[] {1, 2, 3, 4, 0, 0, 7});
        assertThat(extractor.extract(bin, "application/octet-stream", 10_000)).isEmpty();
        assertThat(extractor.extract(bin, "video/mp4", 10_000)).isEmpty();
    }

    @Test
    void aBrokenDocumentGivesNothingRatherThanFailing() {
        byte[] pdf = Fixtures.pdf("never seen");
        Path broken = Fixtures.write(dir, "broken.pdf", java.util.Arrays.copyOf(pdf, 40));
        assertThat(extractor.extract(broken, "application/pdf", 10_000)).isEmpty();
    }

    /**
     * A DOCX whose document part inflates from a few KB to 50 MB of text: a zip-bomb guard (Tika's or POI's) stops the
     * parse even with a cap far above the text, so nothing comes out and nothing runs out of memory.
     */
    @Test
    void aZipBombDocumentIsStopped() throws IOException {
        byte[] docx = Fixtures.docx("placeholder");
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx));
             ZipOutputStream out = new ZipOutputStream(bomb)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("word/document.xml")) {
                    out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                            + "<w:body><w:p><w:r><w:t>").getBytes(StandardCharsets.UTF_8));
                    byte[] block = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
                    for (int i = 0; i < 50; i++) {
                        out.write(block);
                    }
                    out.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        assertThat(bomb.size()).isLessThan(1_000_000);
        Path file = Fixtures.write(dir, "bomb.docx", bomb.toByteArray());

        assertThat(extractor.extract(file, DOCX, 100_000_000)).isEmpty();
    }
}
