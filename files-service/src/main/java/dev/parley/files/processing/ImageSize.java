package dev.parley.files.processing;

/** An image's pixel size as it is displayed, that is after its EXIF orientation (Slack's {@code original_w/h}). */
public record ImageSize(int width, int height) {
}
