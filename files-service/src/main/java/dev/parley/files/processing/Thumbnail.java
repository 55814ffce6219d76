package dev.parley.files.processing;

/**
 * One rendered thumbnail: Slack's size bucket ({@code 64} for {@code thumb_64}, ...), the pixel size it came out at
 * (aspect ratio kept, so only the longer side can equal {@code size}), its MIME type ({@code image/png} or
 * {@code image/jpeg}) and its encoded bytes.
 */
public record Thumbnail(int size, int width, int height, String mimetype, byte[] bytes) {
}
