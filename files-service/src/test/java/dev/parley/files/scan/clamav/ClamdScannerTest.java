package dev.parley.files.scan.clamav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.files.scan.MalwareScanner;
import dev.parley.files.scan.ScanException;
import dev.parley.files.scan.Verdict;
import dev.parley.localinfra.ClamdProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner against a real clamd (ClamdProcess, with a local EICAR signature): verdicts, refusals and outages. */
class ClamdScannerTest {

    private static final long STREAM_MAX = 1024 * 1024;
    private static ClamdProcess clamd;

    @TempDir
    Path dir;

    @BeforeAll
    static void startClamd() {
        clamd = ClamdProcess.start(STREAM_MAX, Path.of("target", "child-processes"));
    }

    @AfterAll
    static void stopClamd() {
        if (clamd != null) {
            clamd.close();
        }
    }

    private MalwareScanner scanner() {
        return new ClamdScanner(clamd.host(), clamd.port(), Duration.ofSeconds(20));
    }

    @Test
    void aCleanFileIsOk() throws IOException {
        Path file = Files.writeString(dir.resolve("clean.txt"), "nothing to see here");
        assertThat(scanner().scan(file)).isEqualTo(Verdict.CLEAN);
        assertThat(scanner().enabled()).isTrue();
    }

    @Test
    void eicarIsFoundWithItsSignature() throws IOException {
        Path file = Files.writeString(dir.resolve("eicar.com"), ClamdProcess.EICAR);
        Verdict verdict = scanner().scan(file);
        assertThat(verdict.infected()).isTrue();
        assertThat(verdict.signature()).startsWith(ClamdProcess.EICAR_SIGNATURE);
    }

    @Test
    void aFileSpanningManyChunksIsScannedWhole() throws IOException {
        byte[] noise = new byte[ClamdScanner.CHUNK * 3 + 17];
        new Random(3).nextBytes(noise);
        Path clean = Files.write(dir.resolve("big.bin"), noise);
        assertThat(scanner().scan(clean)).isEqualTo(Verdict.CLEAN);

        // The same size again but starting with EICAR, inside an archive clamd unpacks: the stream arrived whole.
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("noise.bin"));
            out.write(noise);
            out.closeEntry();
            out.putNextEntry(new java.util.zip.ZipEntry("eicar.com"));
            out.write(ClamdProcess.EICAR.getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        assertThat(zip.size()).isGreaterThan(ClamdScanner.CHUNK * 3);
        Path infected = Files.write(dir.resolve("big.zip"), zip.toByteArray());
        assertThat(scanner().scan(infected).infected()).isTrue();
    }

    @Test
    void aFileOverStreamMaxLengthIsRefusedNotRetried() throws IOException {
        byte[] bytes = new byte[(int) STREAM_MAX + ClamdScanner.CHUNK * 2];
        Path file = Files.write(dir.resolve("too-big.bin"), bytes);
        assertThatThrownBy(() -> scanner().scan(file)).isInstanceOfSatisfying(ScanException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("StreamMaxLength");
        });
        // The daemon is still fine afterwards.
        Path clean = Files.writeString(dir.resolve("after.txt"), "still here");
        assertThat(scanner().scan(clean)).isEqualTo(Verdict.CLEAN);
    }

    @Test
    void aDaemonThatIsDownIsARetryableFailure() throws IOException {
        Path file = Files.writeString(dir.resolve("clean.txt"), "hello");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        MalwareScanner down = new ClamdScanner("127.0.0.1", closedPort, Duration.ofSeconds(2));
        assertThatThrownBy(() -> down.scan(file)).isInstanceOfSatisfying(ScanException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("cannot be reached");
        });
    }

    @Test
    void aKilledDaemonFailsRetryablyAndWorksAgainOnceRestarted() throws IOException {
        Path file = Files.writeString(dir.resolve("eicar.txt"), ClamdProcess.EICAR);
        assertThat(scanner().scan(file).infected()).isTrue();

        clamd.kill();
        try {
            assertThatThrownBy(() -> scanner().scan(file)).isInstanceOfSatisfying(ScanException.class,
                    e -> assertThat(e.retryable()).isTrue());
        } finally {
            clamd.restart();
        }

        assertThat(scanner().scan(file).infected()).isTrue();
    }

    @Test
    void aServerThatNeverAnswersTimesOutRetryably() throws Exception {
        Path file = Files.writeString(dir.resolve("clean.txt"), "hello");
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes();
                } catch (IOException ignored) {
                    // The scanner hung up.
                }
            });
            MalwareScanner scanner = new ClamdScanner("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(500));
            assertThatThrownBy(() -> scanner.scan(file)).isInstanceOfSatisfying(ScanException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("did not answer");
            });
            acceptor.join(5_000);
        }
    }

    @Test
    void anUnexpectedAnswerIsARetryableFailure() throws Exception {
        Path file = Files.writeString(dir.resolve("clean.txt"), "hello");
        try (ServerSocket wrong = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = wrong.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("UNKNOWN COMMAND\0".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // The scanner hung up.
                }
            });
            MalwareScanner scanner = new ClamdScanner("127.0.0.1", wrong.getLocalPort(), Duration.ofSeconds(5));
            assertThatThrownBy(() -> scanner.scan(file)).isInstanceOfSatisfying(ScanException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("UNKNOWN COMMAND");
            });
        }
    }

    @Test
    void noScannerConfiguredSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("eicar.txt"), ClamdProcess.EICAR);
        assertThat(MalwareScanner.NONE.enabled()).isFalse();
        assertThat(MalwareScanner.NONE.scan(file)).isEqualTo(Verdict.CLEAN);
    }
}
