package dev.parley.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web client in a real browser: starts the standalone server, then the web-client module's playwright-core script
 * ({@code web-client/src/main/web/e2e/chat.e2e.mjs}) in Debian's headless Chromium, where two people create a
 * workspace, invite, and chat live (thread, reaction, edit, delete, typing, HTML injection, axe-core, a
 * 10,000-message channel). When the script
 * prints {@code RESTART} this test stops the server and starts it again on the same data, and the script checks that
 * both browsers reconnect and miss nothing. Screenshots and axe reports go to {@code e2e-tests/target/web-client/}.
 */
class WebClientIT {

    private static final Path ROOT = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getProperty("parley.chromium", "/usr/bin/chromium"));

    private ParleyProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoPeopleChatInTheBrowser() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "Chromium is missing at " + CHROMIUM
                + ": ./parley test installs Debian's chromium package (apt-get install -y chromium)");
        Path web = ROOT.resolve("web-client/src/main/web");
        assertTrue(Files.isDirectory(web.resolve("node_modules/playwright-core")),
                "playwright-core is not installed in " + web + ": the web-client module's build runs npm ci first");
        Path artifacts = ROOT.resolve("e2e-tests/target/web-client");
        Files.createDirectories(artifacts);
        Path data = Files.createTempDirectory("parley-web-");
        server = ParleyProcess.start("web-client", "parley-server", List.of("--parley.data-dir=" + data))
                .awaitReady(Duration.ofSeconds(120));

        Process node;
        try {
            node = new ProcessBuilder("node", "e2e/chat.e2e.mjs", server.baseUrl(), artifacts.toString())
                    .directory(web.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new AssertionError("node is needed for the browser tests (Node 20 or newer on the PATH)", e);
        }
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
             Writer in = node.outputWriter(StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("[browser] " + line);
                output.add(line);
                if (line.equals("RESTART")) {
                    server.close();
                    server.restart().awaitReady(Duration.ofSeconds(120));
                    in.write("RESTARTED\n");
                    in.flush();
                }
            }
        } finally {
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        Files.write(artifacts.resolve("output.txt"), output);
        assertEquals(0, node.exitValue(), "the browser test failed (screenshots in " + artifacts + "):\n"
                + String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size())));
        assertTrue(output.stream().anyMatch(l -> l.startsWith("e2e: all passed")), "the browser test ended early");
    }
}
