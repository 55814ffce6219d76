package dev.parley.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The clamd fixture runs a real daemon that detects EICAR from its local signature, and really dies. */
class ClamdProcessTest {

    @Test
    void detectsEicarAndPassesOtherBytes() throws IOException {
        try (ClamdProcess clamd = ClamdProcess.start()) {
            assertThat(clamd.answersPing()).isTrue();
            assertThat(instream(clamd, "hello, not a virus".getBytes(StandardCharsets.US_ASCII)))
                    .isEqualTo("stream: OK");
            assertThat(instream(clamd, ClamdProcess.EICAR.getBytes(StandardCharsets.US_ASCII)))
                    .isEqualTo("stream: " + ClamdProcess.EICAR_SIGNATURE + ".UNOFFICIAL FOUND");
        }
    }

    @Test
    void killedDaemonIsGoneUntilRestartedOnTheSamePort() {
        try (ClamdProcess clamd = ClamdProcess.start()) {
            int port = clamd.port();
            long pid = clamd.pid();

            clamd.kill();

            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(clamd.answersPing()).isFalse();

            clamd.restart();

            assertThat(clamd.port()).isEqualTo(port);
            assertThat(clamd.pid()).isNotEqualTo(pid);
            assertThat(clamd.answersPing()).isTrue();
        }
    }

    @Test
    void closeKillsTheDaemon() {
        ClamdProcess clamd = ClamdProcess.start();
        long pid = clamd.pid();
        clamd.close();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ChildProcess.accepts(clamd.port())).isFalse();
    }

    @Test
    void missingBinaryIsReportedWithItsDebianPackage() {
        System.setProperty("parley.test.clamd", "/nonexistent/clamd");
        try {
            assertThatThrownBy(ClamdProcess::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Debian package clamav-daemon");
        } finally {
            System.clearProperty("parley.test.clamd");
        }
    }

    /** One zINSTREAM exchange, written out by hand so this test does not depend on the scanner under test elsewhere. */
    private static String instream(ClamdProcess clamd, byte[] bytes) throws IOException {
        try (Socket socket = new Socket(clamd.host(), clamd.port())) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(request);
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(bytes.length);
            out.write(bytes);
            out.writeInt(0);
            socket.getOutputStream().write(request.toByteArray());
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return reply.endsWith("\0") ? reply.substring(0, reply.length() - 1) : reply;
        }
    }
}
