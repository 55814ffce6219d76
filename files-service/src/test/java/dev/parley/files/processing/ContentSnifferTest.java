package dev.parley.files.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sniffer goes by the bytes, names types as Slack does, and catches names that disguise them. */
class ContentSnifferTest {

    private final ContentSniffer sniffer = new ContentSniffer();

    @TempDir
    Path dir;

    @Test
    void imagesAreToldByTheirBytes() {
        assertThat(sniff("a.png", Fixtures.encode(Fixtures.quadrants(20, 10), "png"), "a.png"))
                .isEqualTo(new Sniffed("image/png", "png", "PNG"));
        assertThat(sniff("a.jpg", Fixtures.encode(Fixtures.quadrants(20, 10), "jpeg"), "a.jpg"))
                .isEqualTo(new Sniffed("image/jpeg", "jpg", "JPEG"));
        assertThat(sniff("a.gif", Fixtures.encode(Fixtures.quadrants(20, 10), "gif"), "a.gif"))
                .isEqualTo(new Sniffed("image/gif", "gif", "GIF"));
    }

    @Test
    void documentsAreToldByTheirBytes() {
        assertThat(sniff("a.pdf", Fixtures.pdf("hello"), "a.pdf")).isEqualTo(new Sniffed("application/pdf", "pdf", "PDF"));
        assertThat(sniff("a.docx", Fixtures.docx("hello"), "a.docx")).isEqualTo(new Sniffed(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word Document"));
        assertThat(sniff("a.xlsx", Fixtures.xlsx("hello"), "a.xlsx")).isEqualTo(new Sniffed(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel Spreadsheet"));
        assertThat(sniff("notes.txt", text("just some words\nand more\n"), "notes.txt"))
                .isEqualTo(new Sniffed("text/plain", "text", "Plain Text"));
    }

    @Test
    void theNameOnlyRefinesWhatTheBytesLeaveOpen() {
        // Text is text; the name may say which text.
        assertThat(sniff("t.csv", text("a,b,c\n1,2,3\n"), "table.csv").filetype()).isEqualTo("csv");
        // But it never turns one known type into another: PNG bytes stay a PNG whatever the name says.
        assertThat(sniff("x", Fixtures.encode(Fixtures.quadrants(8, 8), "png"), "report.pdf").mimetype())
                .isEqualTo("image/png");
        assertThat(sniff("y", Fixtures.docx("hi"), "archive.zip").filetype()).isEqualTo("docx");
        assertThat(sniff("z", Fixtures.pdf("hi"), null).filetype()).isEqualTo("pdf");
    }

    @Test
    void unknownBytesAreBinary() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 0x01;
        assertThat(sniff("noise", noise, "noise.dat")).isEqualTo(new Sniffed("application/octet-stream", "binary", "Binary"));
    }

    @Test
    void activeContentUnderAnInnocentNameIsDisguised() {
        assertThat(disguised(Fixtures.windowsExecutable(), "cat.png")).isTrue();
        assertThat(disguised(text("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), "cat.png"))
                .isTrue();
        assertThat(disguised(text("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)"
                + "</script></svg>"), "cat.png")).isTrue();
        assertThat(disguised(text("<html><head><title>x</title></head><body>hi</body></html>"), "notes.txt")).isTrue();
        assertThat(disguised(Fixtures.windowsExecutable(), "report.pdf")).isTrue();
    }

    @Test
    void anImageOrPdfNameOverOtherBytesIsDisguised() {
        assertThat(disguised(Fixtures.pdf("hello"), "cat.png")).isTrue();
        assertThat(disguised(Fixtures.docx("hello"), "cat.jpg")).isTrue();
        assertThat(disguised(text("plain words"), "cat.gif")).isTrue();
        assertThat(disguised(Fixtures.encode(Fixtures.quadrants(8, 8), "png"), "paper.pdf")).isTrue();
    }

    @Test
    void honestOrMerelyMislabelledFilesAreNotDisguised() {
        byte[] png = Fixtures.encode(Fixtures.quadrants(8, 8), "png");
        assertThat(disguised(png, "cat.png")).isFalse();
        assertThat(disguised(png, "cat.jpg")).as("an image under another image's name").isFalse();
        assertThat(disguised(png, "cat")).as("no extension claims nothing").isFalse();
        assertThat(disguised(png, "cat.weirdext")).as("an unknown extension claims nothing").isFalse();
        assertThat(disguised(Fixtures.windowsExecutable(), "setup.exe")).as("an executable that says so").isFalse();
        assertThat(disguised(text("<html><body>hi</body></html>"), "page.html")).isFalse();
        assertThat(disguised(Fixtures.pdf("x"), "paper.pdf")).isFalse();
        assertThat(disguised(text("a,b\n1,2\n"), "table.txt")).isFalse();
        assertThat(disguised(Fixtures.docx("x"), "letter.docx")).isFalse();
        byte[] noise = new byte[256];
        new Random(7).nextBytes(noise);
        noise[0] = 0x01;
        assertThat(disguised(noise, "cat.png")).as("unknown bytes contradict nothing").isFalse();
    }

    private Sniffed sniff(String file, byte[] bytes, String claimedName) {
        return sniffer.sniff(Fixtures.write(dir, file, bytes), claimedName);
    }

    private boolean disguised(byte[] bytes, String claimedName) {
        Sniffed sniffed = sniffer.sniff(Fixtures.write(dir, "upload-" + System.nanoTime(), bytes), claimedName);
        return sniffer.isDisguised(claimedName, sniffed);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
