package dev.parley.files.access;

import dev.parley.files.metadata.FileShareRecord;
import dev.parley.files.metadata.FileStatus;
import dev.parley.files.metadata.StoredFile;
import dev.parley.files.metadata.StoredThumbnail;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Slack's file object ({@code com.slack.api.model.File} parses it): the metadata, its URLs, the thumbnails once
 * processed, and where it is shared as far as the viewer may see ({@code channels}, {@code groups}, {@code ims},
 * {@code shares}). {@code processing_status} (and {@code processing_error} for a quarantine or an error) is
 * Parley's own: where the file is in its processing.
 */
public final class FileObjects {

    private final FileUrls urls;

    public FileObjects(FileUrls urls) {
        this.urls = urls;
    }

    /** Slack's deleted file, as messages that carried it show it. */
    public static Map<String, Object> tombstone(String fileId) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", fileId);
        v.put("mode", "tombstone");
        return v;
    }

    /** The object without shares, as a message carries it. */
    public Map<String, Object> object(StoredFile f) {
        return object(f, List.of(), id -> null);
    }

    /**
     * The object with the shares the viewer may see: {@code channelName} names a conversation the viewer may read
     * (null for one it may not, whose share is left out; an empty name for one without a name, as a DM).
     */
    public Map<String, Object> object(StoredFile f, List<FileShareRecord> shares, Function<String, String> channelName) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", f.id());
        v.put("created", f.created());
        v.put("timestamp", f.created());
        v.put("name", f.name());
        v.put("title", f.title());
        v.put("mimetype", f.mimetype());
        v.put("filetype", f.filetype());
        v.put("pretty_type", f.prettyType());
        v.put("user", f.userId());
        v.put("user_team", f.workspaceId());
        v.put("editable", false);
        v.put("size", f.size());
        v.put("mode", "hosted");
        v.put("is_external", false);
        v.put("external_type", "");
        boolean inPublic = shares.stream().anyMatch(s -> "channel".equals(s.channelType()));
        v.put("is_public", inPublic);
        v.put("public_url_shared", f.publicSecret() != null);
        v.put("display_as_bot", false);
        v.put("username", "");
        if (f.altTxt() != null) {
            v.put("alt_txt", f.altTxt());
        }
        v.put("url_private", urls.urlPrivate(f));
        v.put("url_private_download", urls.urlPrivateDownload(f));
        if (f.status() == FileStatus.READY) {
            for (StoredThumbnail t : f.thumbnails()) {
                v.put("thumb_" + t.size(), urls.thumbnail(f, t));
                v.put("thumb_" + t.size() + "_w", t.width());
                v.put("thumb_" + t.size() + "_h", t.height());
            }
            if (f.originalW() != null) {
                v.put("original_w", f.originalW());
                v.put("original_h", f.originalH());
            }
        }
        v.put("permalink", urls.permalink(f));
        String permalinkPublic = urls.permalinkPublic(f);
        if (permalinkPublic != null) {
            v.put("permalink_public", permalinkPublic);
        }
        v.put("has_rich_preview", false);
        v.put("file_access", "visible");
        v.put("processing_status", f.status().id());
        if (f.status() == FileStatus.QUARANTINED || f.status() == FileStatus.ERROR) {
            v.put("processing_error", f.statusReason());
        }
        List<String> channels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> ims = new ArrayList<>();
        Map<String, List<Map<String, Object>>> publicShares = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> privateShares = new LinkedHashMap<>();
        for (FileShareRecord s : shares) {
            String name = channelName.apply(s.channelId());
            if (name == null) {
                continue;
            }
            List<String> list = switch (s.channelType()) {
                case "channel" -> channels;
                case "im" -> ims;
                default -> groups;
            };
            if (!list.contains(s.channelId())) {
                list.add(s.channelId());
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reply_users", List.of());
            detail.put("reply_users_count", 0);
            detail.put("reply_count", 0);
            detail.put("ts", s.ts());
            if (s.threadTs() != null) {
                detail.put("thread_ts", s.threadTs());
            }
            if (!name.isEmpty()) {
                detail.put("channel_name", name);
            }
            detail.put("team_id", f.workspaceId());
            detail.put("share_user_id", s.userId());
            detail.put("source", "UNKNOWN");
            ("channel".equals(s.channelType()) ? publicShares : privateShares)
                    .computeIfAbsent(s.channelId(), c -> new ArrayList<>()).add(detail);
        }
        v.put("channels", channels);
        v.put("groups", groups);
        v.put("ims", ims);
        Map<String, Object> shareMap = new LinkedHashMap<>();
        if (!publicShares.isEmpty()) {
            shareMap.put("public", publicShares);
        }
        if (!privateShares.isEmpty()) {
            shareMap.put("private", privateShares);
        }
        v.put("shares", shareMap);
        v.put("comments_count", 0);
        return v;
    }
}
