package dev.parley.files.metadata;

import java.util.ArrayList;
import java.util.List;

/** A thumbnail kept in the blob store: Slack's size bucket, the pixel size it came out at, its MIME type. */
public record StoredThumbnail(int size, int width, int height, String mimetype) {

    /** The blob name below the file's key: {@code thumb_64.png}. */
    public String blobName() {
        return "thumb_" + size + (mimetype.equals("image/jpeg") ? ".jpg" : ".png");
    }

    static String format(List<StoredThumbnail> thumbnails) {
        if (thumbnails.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (StoredThumbnail t : thumbnails) {
            parts.add(t.size + ":" + t.width + "x" + t.height + ":" + t.mimetype);
        }
        return String.join(",", parts);
    }

    static List<StoredThumbnail> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<StoredThumbnail> thumbnails = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] fields = part.split(":", 3);
            String[] wh = fields[1].split("x");
            thumbnails.add(new StoredThumbnail(Integer.parseInt(fields[0]), Integer.parseInt(wh[0]),
                    Integer.parseInt(wh[1]), fields[2]));
        }
        return List.copyOf(thumbnails);
    }
}
