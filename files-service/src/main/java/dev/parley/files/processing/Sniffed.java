package dev.parley.files.processing;

/**
 * What a file's bytes say it is: the MIME type, Slack's short {@code filetype} ({@code png}, {@code pdf}, {@code text},
 * {@code binary}, ...) and Slack's {@code pretty_type} ({@code PNG}, {@code PDF}, {@code Plain Text}, ...).
 */
public record Sniffed(String mimetype, String filetype, String prettyType) {
}
