package dev.parley.workspace.webhook;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Incoming webhooks of a workspace, found by the hash of their URL's secret. */
@Repository
public class WebhookRepository {

    private static final String COLUMNS = "workspace_id, webhook_id, bot_id, channel_id, created_by, created_at, revoked";
    private static final RowMapper<Webhook> WEBHOOK = (rs, n) -> new Webhook(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getBoolean(7));

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Webhook webhook, String secretHash) {
        jdbc.sql("INSERT INTO incoming_webhook (" + COLUMNS + ", secret_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(webhook.workspaceId(), webhook.id(), webhook.botId(), webhook.channelId(), webhook.createdBy(),
                        webhook.createdAt(), webhook.revoked(), secretHash)
                .update();
    }

    public Optional<Webhook> findBySecret(String workspaceId, String secretHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incoming_webhook WHERE workspace_id = ? AND secret_hash = ?")
                .params(workspaceId, secretHash).query(WEBHOOK).optional();
    }

    public Optional<Webhook> find(String workspaceId, String webhookId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incoming_webhook WHERE workspace_id = ? AND webhook_id = ?")
                .params(workspaceId, webhookId).query(WEBHOOK).optional();
    }

    /** The live webhooks of the workspace, or of one bot when {@code botId} is set, oldest first. */
    public List<Webhook> live(String workspaceId, String botId) {
        return botId == null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM incoming_webhook WHERE workspace_id = ? AND revoked = FALSE "
                        + "ORDER BY created_at, webhook_id").param(workspaceId).query(WEBHOOK).list()
                : jdbc.sql("SELECT " + COLUMNS + " FROM incoming_webhook WHERE workspace_id = ? AND bot_id = ? "
                        + "AND revoked = FALSE ORDER BY created_at, webhook_id").params(workspaceId, botId).query(WEBHOOK).list();
    }

    /** Revokes one webhook; false when it was not live. */
    public boolean revoke(String workspaceId, String webhookId) {
        return jdbc.sql("UPDATE incoming_webhook SET revoked = TRUE WHERE workspace_id = ? AND webhook_id = ? AND revoked = FALSE")
                .params(workspaceId, webhookId).update() == 1;
    }
}
