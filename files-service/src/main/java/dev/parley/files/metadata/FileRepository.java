package dev.parley.files.metadata;

import dev.parley.common.store.Inserts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The files' metadata, their shares and their extracted text; every statement names its workspace. */
@Repository
public class FileRepository {

    private static final String COLUMNS = "workspace_id, file_id, user_id, name, title, alt_txt, size, mimetype, "
            + "filetype, pretty_type, status, status_reason, original_w, original_h, thumbnails, public_secret, created, "
            + "deleted";

    private final JdbcClient jdbc;

    public FileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredFile f) {
        jdbc.sql("INSERT INTO files (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(f.workspaceId(), f.id(), f.userId(), f.name(), f.title(), f.altTxt(), f.size(), f.mimetype(),
                        f.filetype(), f.prettyType(), f.status().id(), f.statusReason(), f.originalW(), f.originalH(),
                        StoredThumbnail.format(f.thumbnails()), f.publicSecret(), f.created(), f.deleted())
                .update();
    }

    /** The file, deleted or not; callers decide what a deleted one means to them. */
    public Optional<StoredFile> find(String workspaceId, String fileId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM files WHERE workspace_id = ? AND file_id = ?")
                .params(workspaceId, fileId).query(FileRepository::file).optional();
    }

    /**
     * Completes an upload: from {@code uploading} to {@code processing}, with the title, the checked size and the type
     * sniffed from the bytes; false when it was not uploading any more (completed twice at once: only one wins).
     */
    public boolean complete(String workspaceId, String fileId, String title, long size, String mimetype,
                            String filetype, String prettyType) {
        return jdbc.sql("UPDATE files SET status = 'processing', title = ?, size = ?, mimetype = ?, filetype = ?, "
                        + "pretty_type = ? WHERE workspace_id = ? AND file_id = ? AND status = 'uploading' "
                        + "AND deleted = FALSE")
                .params(title, size, mimetype, filetype, prettyType, workspaceId, fileId).update() == 1;
    }

    /** What processing found: the sniffed type, the image's size and thumbnails, and the outcome. */
    public void processed(String workspaceId, String fileId, String mimetype, String filetype, String prettyType,
                          Integer originalW, Integer originalH, List<StoredThumbnail> thumbnails, FileStatus status,
                          String reason) {
        jdbc.sql("UPDATE files SET mimetype = ?, filetype = ?, pretty_type = ?, original_w = ?, original_h = ?, "
                        + "thumbnails = ?, status = ?, status_reason = ? WHERE workspace_id = ? AND file_id = ?")
                .params(mimetype, filetype, prettyType, originalW, originalH, StoredThumbnail.format(thumbnails),
                        status.id(), reason, workspaceId, fileId)
                .update();
    }

    public void setStatus(String workspaceId, String fileId, FileStatus status, String reason) {
        jdbc.sql("UPDATE files SET status = ?, status_reason = ? WHERE workspace_id = ? AND file_id = ?")
                .params(status.id(), reason, workspaceId, fileId).update();
    }

    /** Sets (or with null clears) the secret of the file's public link. */
    public void setPublicSecret(String workspaceId, String fileId, String secret) {
        jdbc.sql("UPDATE files SET public_secret = ? WHERE workspace_id = ? AND file_id = ?")
                .params(secret, workspaceId, fileId).update();
    }

    /** Marks the file deleted and drops its public link and text; false when it was deleted already. */
    public boolean markDeleted(String workspaceId, String fileId) {
        boolean changed = jdbc.sql("UPDATE files SET deleted = TRUE, public_secret = NULL WHERE workspace_id = ? "
                + "AND file_id = ? AND deleted = FALSE").params(workspaceId, fileId).update() == 1;
        jdbc.sql("DELETE FROM file_text WHERE workspace_id = ? AND file_id = ?").params(workspaceId, fileId).update();
        return changed;
    }

    /**
     * Live files of a workspace, newest first (then by id, descending), optionally of one uploader and within
     * {@code [from, to]} (epoch seconds), strictly after the position ({@code beforeCreated}, {@code beforeId}) when
     * given, at most {@code limit}. Files still uploading are left out: they do not exist for anyone yet.
     */
    public List<StoredFile> list(String workspaceId, String userId, long from, long to, Long beforeCreated,
                                 String beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM files WHERE workspace_id = ? AND deleted = FALSE"
                + " AND status <> 'uploading' AND created >= ? AND created <= ?");
        List<Object> params = new java.util.ArrayList<>(List.of(workspaceId, from, to));
        if (userId != null) {
            sql.append(" AND user_id = ?");
            params.add(userId);
        }
        if (beforeCreated != null) {
            sql.append(" AND (created < ? OR (created = ? AND file_id < ?))");
            params.addAll(List.of(beforeCreated, beforeCreated, beforeId));
        }
        sql.append(" ORDER BY created DESC, file_id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(FileRepository::file).list();
    }

    /** Records a message sharing the file; false when that message was recorded before. */
    public boolean addShare(String workspaceId, FileShareRecord s) {
        return Inserts.once(jdbc.sql("INSERT INTO file_share (workspace_id, file_id, channel_id, ts, channel_type, "
                        + "thread_ts, user_id, shared_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(workspaceId, s.fileId(), s.channelId(), s.ts(), s.channelType(), s.threadTs(), s.userId(),
                        s.sharedAt()));
    }

    /** The messages sharing the file, oldest first. */
    public List<FileShareRecord> shares(String workspaceId, String fileId) {
        return jdbc.sql("SELECT file_id, channel_id, ts, channel_type, thread_ts, user_id, shared_at FROM file_share "
                        + "WHERE workspace_id = ? AND file_id = ? ORDER BY shared_at, channel_id, ts")
                .params(workspaceId, fileId)
                .query((rs, n) -> new FileShareRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7)))
                .list();
    }

    /** The ids of the files shared in a conversation. */
    public List<String> fileIdsIn(String workspaceId, String channelId) {
        return jdbc.sql("SELECT DISTINCT file_id FROM file_share WHERE workspace_id = ? AND channel_id = ?")
                .params(workspaceId, channelId).query(String.class).list();
    }

    public void saveText(String workspaceId, String fileId, String text) {
        jdbc.sql("DELETE FROM file_text WHERE workspace_id = ? AND file_id = ?").params(workspaceId, fileId).update();
        jdbc.sql("INSERT INTO file_text (workspace_id, file_id, content) VALUES (?, ?, ?)")
                .params(workspaceId, fileId, text).update();
    }

    public Optional<String> text(String workspaceId, String fileId) {
        return jdbc.sql("SELECT content FROM file_text WHERE workspace_id = ? AND file_id = ?")
                .params(workspaceId, fileId).query(String.class).optional();
    }

    private static StoredFile file(ResultSet rs, int n) throws SQLException {
        return new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10),
                FileStatus.of(rs.getString(11)), rs.getString(12), (Integer) rs.getObject(13, Integer.class),
                rs.getObject(14, Integer.class), StoredThumbnail.parse(rs.getString(15)), rs.getString(16),
                rs.getLong(17), rs.getBoolean(18));
    }
}
