package dev.parley.workspace.bot;

import dev.parley.common.auth.MemberRole;
import dev.parley.common.auth.OpaqueTokens;
import dev.parley.common.auth.Scopes;
import dev.parley.common.auth.TokenKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bots of a workspace, and the global lookup of their tokens by SHA-256. */
@Repository
public class BotRepository {

    private static final String COLUMNS =
            "workspace_id, bot_id, app_id, user_id, name, scopes, installed_by, created_at, updated_at, deleted";
    private static final RowMapper<Bot> BOT = (rs, n) -> new Bot(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), split(rs.getString(6)), rs.getString(7), rs.getLong(8), rs.getLong(9),
            rs.getBoolean(10));

    private final JdbcClient jdbc;

    BotRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Bot bot) {
        jdbc.sql("INSERT INTO bot (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(bot.workspaceId(), bot.id(), bot.appId(), bot.userId(), bot.name(), Scopes.join(bot.scopes()),
                        bot.installedBy(), bot.createdAt(), bot.updatedAt(), bot.deleted())
                .update();
    }

    public Optional<Bot> find(String workspaceId, String botId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bot WHERE workspace_id = ? AND bot_id = ?")
                .params(workspaceId, botId).query(BOT).optional();
    }

    public Optional<Bot> findByUser(String workspaceId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bot WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId).query(BOT).optional();
    }

    public Optional<Bot> findByApp(String workspaceId, String appId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bot WHERE workspace_id = ? AND app_id = ?")
                .params(workspaceId, appId).query(BOT).optional();
    }

    /** The workspace's bots that are installed, oldest first. */
    public List<Bot> installed(String workspaceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bot WHERE workspace_id = ? AND deleted = FALSE ORDER BY created_at, bot_id")
                .param(workspaceId).query(BOT).list();
    }

    /** Marks the bot uninstalled; false when it already was. */
    public boolean markDeleted(String workspaceId, String botId, long now) {
        return jdbc.sql("UPDATE bot SET deleted = TRUE, updated_at = ? WHERE workspace_id = ? AND bot_id = ? AND deleted = FALSE")
                .params(now, workspaceId, botId).update() == 1;
    }

    /** Stores a token by its hash, with what it grants. */
    public void insertToken(String tokenHash, String tokenId, Bot bot, long createdAt) {
        jdbc.sql("INSERT INTO bot_token (token_hash, token_id, workspace_id, bot_id, user_id, scopes, created_at, revoked_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")
                .params(tokenHash, tokenId, bot.workspaceId(), bot.id(), bot.userId(), Scopes.join(bot.scopes()), createdAt)
                .update();
    }

    /** What the token with this hash grants; {@code token_revoked} once its bot was uninstalled. */
    public Optional<OpaqueTokens.Grant> grant(String tokenHash) {
        return jdbc.sql("SELECT workspace_id, user_id, scopes, token_id, created_at, revoked_at FROM bot_token WHERE token_hash = ?")
                .param(tokenHash)
                .query((rs, n) -> {
                    rs.getLong(6);
                    if (!rs.wasNull()) {
                        return OpaqueTokens.Grant.refused("token_revoked");
                    }
                    return new OpaqueTokens.Grant(rs.getString(1), rs.getString(2), MemberRole.MEMBER.id(), TokenKind.BOT,
                            split(rs.getString(3)), rs.getString(4), rs.getLong(5) * 1000, null);
                })
                .optional();
    }

    /** Revokes every live token of the bot and returns their ids. */
    public List<String> revokeTokens(String workspaceId, String botId, long now) {
        List<String> ids = jdbc.sql("SELECT token_id FROM bot_token WHERE workspace_id = ? AND bot_id = ? AND revoked_at IS NULL")
                .params(workspaceId, botId).query(String.class).list();
        jdbc.sql("UPDATE bot_token SET revoked_at = ? WHERE workspace_id = ? AND bot_id = ? AND revoked_at IS NULL")
                .params(now, workspaceId, botId).update();
        return ids;
    }

    static Set<String> split(String scopes) {
        return scopes == null || scopes.isBlank() ? Set.of()
                : Arrays.stream(scopes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
