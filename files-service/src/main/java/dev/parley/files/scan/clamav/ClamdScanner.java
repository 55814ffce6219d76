package dev.parley.files.scan.clamav;

import dev.parley.files.scan.MalwareScanner;
import dev.parley.files.scan.ScanException;
import dev.parley.files.scan.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Scans by streaming the file to a ClamAV daemon with {@code zINSTREAM}: the command, then chunks each prefixed with
 * its length as a 4-byte big-endian integer, then a zero length; clamd answers one {@code \0}-terminated line. A new
 * connection per scan, so a daemon restart between scans costs nothing.
 */
public class ClamdScanner implements MalwareScanner {

    /** How many bytes go in one chunk; clamd takes any size up to its StreamMaxLength in total. */
    static final int CHUNK = 64 * 1024;
    /** The longest answer read: a signature name is short, so more means something else is on that port. */
    private static final int MAX_REPLY = 4096;

    private final String host;
    private final int port;
    private final Duration timeout;

    /** {@code timeout} bounds the connect and every read and write; a scan of a large file may take several. */
    public ClamdScanner(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    @Override
    public Verdict scan(Path file) {
        try (Socket socket = new Socket(); InputStream in = open(file)) {
            try {
                socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
                socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            } catch (IOException e) {
                throw new ScanException("clamd at " + host + ":" + port + " cannot be reached: " + e.getMessage(), true, e);
            }
            IOException sendFailure = null;
            try {
                send(socket, in);
            } catch (IOException e) {
                // clamd answers and closes as soon as the stream passes its StreamMaxLength; the answer says why.
                sendFailure = e;
            }
            String reply = readReply(socket, sendFailure);
            return verdict(reply);
        } catch (SocketTimeoutException e) {
            throw new ScanException("clamd at " + host + ":" + port + " did not answer within " + timeout, true, e);
        } catch (IOException e) {
            throw new ScanException("Scan through clamd at " + host + ":" + port + " failed: " + e.getMessage(), true, e);
        }
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new ScanException("No file to scan at " + file, false, e);
        } catch (IOException e) {
            throw new ScanException("Cannot read " + file + " to scan it: " + e.getMessage(), true, e);
        }
    }

    private static void send(Socket socket, InputStream in) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[CHUNK];
        int read;
        while ((read = in.readNBytes(chunk, 0, CHUNK)) > 0) {
            out.writeInt(read);
            out.write(chunk, 0, read);
        }
        out.writeInt(0);
        out.flush();
    }

    private String readReply(Socket socket, IOException sendFailure) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            int b;
            while ((b = in.read()) > 0 && reply.size() < MAX_REPLY) {
                reply.write(b);
            }
        } catch (IOException e) {
            if (reply.size() == 0) {
                if (sendFailure != null) {
                    sendFailure.addSuppressed(e);
                    throw sendFailure;
                }
                throw e;
            }
        }
        if (reply.size() == 0) {
            IOException closed = new IOException("clamd closed the connection without an answer");
            if (sendFailure != null) {
                closed.addSuppressed(sendFailure);
            }
            throw closed;
        }
        return reply.toString(StandardCharsets.US_ASCII).strip();
    }

    /** Reads clamd's answer: {@code stream: OK}, {@code stream: <signature> FOUND}, or {@code <reason> ERROR}. */
    Verdict verdict(String reply) {
        if (reply.equals("stream: OK")) {
            return Verdict.CLEAN;
        }
        if (reply.startsWith("stream: ") && reply.endsWith(" FOUND")) {
            return Verdict.infected(reply.substring("stream: ".length(), reply.length() - " FOUND".length()));
        }
        if (reply.startsWith("INSTREAM size limit exceeded")) {
            // The same bytes will be too many next time too; the daemon's StreamMaxLength must grow instead.
            throw new ScanException("The file is larger than clamd's StreamMaxLength at " + host + ":" + port
                    + " allows: " + reply, false, null);
        }
        throw new ScanException("clamd at " + host + ":" + port + " answered: " + reply, true, null);
    }
}
