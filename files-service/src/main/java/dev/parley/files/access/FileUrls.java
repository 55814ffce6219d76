package dev.parley.files.access;

import dev.parley.files.metadata.StoredFile;
import dev.parley.files.metadata.StoredThumbnail;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs of a file, in Slack's shapes, all served by files-service ({@link FileDownloads}):
 * {@code /files-pri/T…-F…/<name>} ({@code url_private}, a token needed), {@code /files-pri/T…-F…/download/<name>}
 * ({@code url_private_download}), {@code /files-tmb/T…-F…/thumb_64.png} (thumbnails, a token needed),
 * {@code /files-pub/T…-F…-<secret>/<name>} ({@code permalink_public}, no token while shared) and the permalink
 * {@code /files/U…/F…/<name>}. The name segment is for people; the server goes by the ids.
 */
public final class FileUrls {

    static final String PRIVATE = "/files-pri/";
    static final String THUMBS = "/files-tmb/";
    static final String PUBLIC = "/files-pub/";

    private final String base;

    public FileUrls(URI publicUrl) {
        String b = publicUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    public String urlPrivate(StoredFile f) {
        return base + PRIVATE + f.workspaceId() + "-" + f.id() + "/" + segment(f.name());
    }

    public String urlPrivateDownload(StoredFile f) {
        return base + PRIVATE + f.workspaceId() + "-" + f.id() + "/download/" + segment(f.name());
    }

    public String thumbnail(StoredFile f, StoredThumbnail t) {
        return base + THUMBS + f.workspaceId() + "-" + f.id() + "/" + t.blobName();
    }

    public String permalink(StoredFile f) {
        return base + "/files/" + f.userId() + "/" + f.id() + "/" + segment(f.name());
    }

    /** The public link, or null while the file is not shared publicly. */
    public String permalinkPublic(StoredFile f) {
        return f.publicSecret() == null ? null
                : base + PUBLIC + f.workspaceId() + "-" + f.id() + "-" + f.publicSecret() + "/" + segment(f.name());
    }

    private static String segment(String name) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.isEmpty() ? "file" : encoded;
    }
}
