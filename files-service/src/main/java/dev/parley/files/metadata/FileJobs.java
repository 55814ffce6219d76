package dev.parley.files.metadata;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The durable processing queue: a row per file whose processing (or message update) is still to do. */
@Repository
public class FileJobs {

    static final int MAX_ERROR = 2000;

    /** A queued file: how often it was tried, when it is due next (epoch millis), the last error. */
    public record Job(String workspaceId, String fileId, int attempts, long nextAttemptAt, String lastError) {
    }

    private final JdbcClient jdbc;

    public FileJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues the file, due at {@code dueAt}; a file queued already is moved to that time. */
    public void enqueue(String workspaceId, String fileId, long dueAt) {
        if (jdbc.sql("UPDATE file_job SET next_attempt_at = ? WHERE workspace_id = ? AND file_id = ?")
                .params(dueAt, workspaceId, fileId).update() == 0) {
            dev.parley.common.store.Inserts.once(jdbc.sql("INSERT INTO file_job (workspace_id, file_id, attempts, "
                    + "next_attempt_at) VALUES (?, ?, 0, ?)").params(workspaceId, fileId, dueAt));
        }
    }

    /** Jobs due at {@code now}, the most overdue first, of every workspace: the worker's one deliberate scatter. */
    public List<Job> due(long now, int limit) {
        return jdbc.sql("/* scatter: the file processing queue */ SELECT workspace_id, file_id, attempts, "
                        + "next_attempt_at, last_error FROM file_job WHERE next_attempt_at <= ? "
                        + "ORDER BY next_attempt_at LIMIT ?")
                .params(now, limit)
                .query((rs, n) -> new Job(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5)))
                .list();
    }

    public Optional<Job> find(String workspaceId, String fileId) {
        return jdbc.sql("SELECT workspace_id, file_id, attempts, next_attempt_at, last_error FROM file_job "
                        + "WHERE workspace_id = ? AND file_id = ?")
                .params(workspaceId, fileId)
                .query((rs, n) -> new Job(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5)))
                .optional();
    }

    /** A failed attempt: counted, with its error, and due again at {@code nextAttemptAt}. */
    public void retryLater(String workspaceId, String fileId, int attempts, long nextAttemptAt, String error) {
        String why = error == null ? "unknown" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        jdbc.sql("UPDATE file_job SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE workspace_id = ? "
                + "AND file_id = ?").params(attempts, nextAttemptAt, why, workspaceId, fileId).update();
    }

    /** The work is done. */
    public void finish(String workspaceId, String fileId) {
        jdbc.sql("DELETE FROM file_job WHERE workspace_id = ? AND file_id = ?").params(workspaceId, fileId).update();
    }
}
