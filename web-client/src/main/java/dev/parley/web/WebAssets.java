package dev.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The built app, read once from the classpath into memory (it is small): each file with its precompressed brotli and
 * gzip forms, which the build writes beside it, so nothing is compressed per request.
 */
final class WebAssets {

    static final String ROOT = "META-INF/parley-web/";

    /** One file of the app. */
    record Asset(String path, String contentType, byte[] identity, byte[] gzip, byte[] brotli, String etag) {
    }

    private final Map<String, Asset> assets;

    WebAssets(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /** Reads the app's manifest (the file list the build writes) and each file it names, from the jar. */
    static WebAssets fromClasspath() {
        ClassLoader loader = WebAssets.class.getClassLoader();
        return load(name -> read(loader, ROOT + name), "the classpath (" + ROOT + ")");
    }

    /** The same from a build output directory ({@code parley.web.dir}). */
    static WebAssets fromDirectory(java.nio.file.Path dir) {
        return load(name -> {
            java.nio.file.Path file = dir.resolve(name).normalize();
            try {
                return file.startsWith(dir.normalize()) && java.nio.file.Files.isRegularFile(file)
                        ? java.nio.file.Files.readAllBytes(file) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, dir.toString());
    }

    private static WebAssets load(java.util.function.Function<String, byte[]> reader, String where) {
        byte[] manifest = reader.apply("parley-web-files.txt");
        if (manifest == null) {
            throw new IllegalStateException("the web client is missing from " + where
                    + " (no parley-web-files.txt): build the web-client module with node and npm installed");
        }
        Map<String, Asset> assets = new HashMap<>();
        for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
            String path = line.strip();
            if (path.isEmpty()) {
                continue;
            }
            byte[] identity = reader.apply(path);
            if (identity == null) {
                throw new IllegalStateException("the web client's manifest names a missing file: " + path);
            }
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(identity)) + "-" + identity.length + "\"";
            assets.put("/" + path, new Asset("/" + path, contentType(path), identity,
                    reader.apply(path + ".gz"), reader.apply(path + ".br"), etag));
        }
        if (!assets.containsKey("/index.html")) {
            throw new IllegalStateException("the web client has no index.html");
        }
        return new WebAssets(assets);
    }

    Asset get(String path) {
        return assets.get(path);
    }

    Asset index() {
        return assets.get("/index.html");
    }

    private static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String contentType(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html;charset=utf-8";
            case "js", "mjs" -> "text/javascript;charset=utf-8";
            case "css" -> "text/css;charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "json", "webmanifest" -> "application/json";
            case "woff2" -> "font/woff2";
            case "txt" -> "text/plain;charset=utf-8";
            default -> "application/octet-stream";
        };
    }
}
