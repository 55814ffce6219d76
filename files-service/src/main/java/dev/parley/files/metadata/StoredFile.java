package dev.parley.files.metadata;

import java.util.List;

/**
 * A file's metadata as files-service keeps it: who uploaded it, its names, size and type (sniffed from the bytes once
 * processed), its {@link FileStatus} (with the reason of a quarantine or an error), the displayed size of an image and
 * its thumbnails, the secret of its public link while it is shared publicly (null otherwise), when it was created
 * (epoch seconds) and whether it was deleted.
 */
public record StoredFile(String workspaceId, String id, String userId, String name, String title, String altTxt,
                         long size, String mimetype, String filetype, String prettyType, FileStatus status,
                         String statusReason, Integer originalW, Integer originalH, List<StoredThumbnail> thumbnails,
                         String publicSecret, long created, boolean deleted) {

    public StoredFile {
        thumbnails = thumbnails == null ? List.of() : List.copyOf(thumbnails);
    }

    /** The blob key path of the original bytes, below which the thumbnails live too. */
    public static String originalPath(String fileId) {
        return fileId + "/original";
    }

    public StoredFile withStatus(FileStatus status, String reason) {
        return new StoredFile(workspaceId, id, userId, name, title, altTxt, size, mimetype, filetype, prettyType, status,
                reason, originalW, originalH, thumbnails, publicSecret, created, deleted);
    }
}
