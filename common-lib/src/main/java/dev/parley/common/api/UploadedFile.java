package dev.parley.common.api;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A file part of a multipart Web API call ({@code files.upload}'s {@code file}): the name the client gave it, the
 * content type it claimed (never trusted) and its bytes. {@link ApiRequest#file} reads it.
 */
public record UploadedFile(String filename, String contentType, byte[] bytes) {

    /** How it shows where arguments are written out ({@code api.test}'s {@code args}): its name and size, not its bytes. */
    @JsonValue
    public java.util.Map<String, Object> summary() {
        return java.util.Map.of("filename", filename, "size", bytes.length);
    }

    @Override
    public String toString() {
        return filename;
    }
}
