package dev.parley.common.store.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.Closeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Statements the guard must let through or stop, and the wrapped DataSource around a real driver. */
class ShardingGuardTest {

    private static final Set<String> SHARDED = ShardingGuard.shardedTablesFromVSchema();

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT seq, last_ts FROM channel_sequence WHERE workspace_id = ? AND channel_id = ? FOR UPDATE",
        "INSERT INTO message (workspace_id, channel_id, ts) VALUES (?, ?, ?)",
        "UPDATE channel SET name = ? WHERE workspace_id = ? AND channel_id = ?",
        "SELECT c.channel_id, c.name FROM channel c WHERE c.workspace_id = ? AND (c.channel_type = 'channel'"
                + " OR c.channel_id IN (SELECT channel_id FROM channel_member WHERE workspace_id = ? AND user_id = ?))",
        "select ts from message\n where workspace_id\tIN (?, ?) and channel_id = ?",
        "SELECT m.ts FROM message m JOIN message_reaction r ON r.workspace_id = m.workspace_id AND r.ts = m.ts"
                + " WHERE m.workspace_id = ? AND m.channel_id = ?",
        "SELECT workspace_id FROM workspace_domain WHERE domain = ?",
        "CREATE TABLE message (workspace_id VARCHAR(16), channel_id VARCHAR(16), ts VARCHAR(20))",
        "/* scatter: outbox relay */ SELECT workspace_id, seq FROM channel_event WHERE published = FALSE LIMIT 100",
    })
    void singleShardStatementsAndNonShardedOnesPass(String sql) {
        assertThatCode(() -> ShardingGuard.check(sql, SHARDED)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM message WHERE channel_id = ?",
        "DELETE FROM channel_member WHERE channel_id = ?",
        "INSERT INTO message (channel_id, ts) VALUES (?, ?)",
        "UPDATE channel_event SET published = TRUE WHERE seq = ?",
        "UPDATE channel SET workspace_id = ? WHERE channel_id = ?",
        "SELECT c.name FROM channel c WHERE c.workspace_id = ?"
                + " AND c.channel_id IN (SELECT channel_id FROM channel_member WHERE user_id = ?)",
        "SELECT d.domain, w.name FROM workspace_domain d JOIN workspace w ON w.workspace_id = d.workspace_id"
                + " WHERE d.domain = ?",
        "SELECT ts FROM message WHERE text = 'workspace_id = ?' AND channel_id = ?",
    })
    void statementsThatWouldScatterAreRejected(String sql) {
        assertThatThrownBy(() -> ShardingGuard.check(sql, SHARDED))
                .isInstanceOf(ShardingViolationException.class)
                .hasMessageContaining(sql);
    }

    @Test
    void theViolationNamesTheTable() {
        assertThatThrownBy(() -> ShardingGuard.check("select * from MESSAGE where channel_id = ?", SHARDED))
                .isInstanceOf(ShardingViolationException.class)
                .hasMessageContaining("'message'");
    }

    @Test
    void shardedTablesComeFromTheChatVSchema() {
        assertThat(SHARDED).contains("message", "channel_event").doesNotContain("user_email");
    }

    @Test
    void aWrappedDataSourceChecksWhatItPrepares() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:guard;MODE=MySQL");
        DataSource guarded = ShardingGuard.wrap(h2, SHARDED);

        try (Connection connection = guarded.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE message (workspace_id VARCHAR(16), channel_id VARCHAR(16), ts VARCHAR(20))");
                ddl.executeUpdate("INSERT INTO message (workspace_id, channel_id, ts) VALUES ('T1', 'C1', '1.000001')");
                assertThatThrownBy(() -> ddl.executeQuery("SELECT ts FROM message"))
                        .isInstanceOf(ShardingViolationException.class);
            }

            assertThatThrownBy(() -> connection.prepareStatement("SELECT ts FROM message WHERE channel_id = ?"))
                    .isInstanceOf(ShardingViolationException.class);

            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT ts FROM message WHERE workspace_id = ? AND channel_id = ?")) {
                query.setString(1, "T1");
                query.setString(2, "C1");
                try (ResultSet rows = query.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString("ts")).isEqualTo("1.000001");
                }
            }
        }
    }

    @Test
    void driverErrorsReachTheCallerUnwrapped() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:guard-errors;MODE=MySQL");
        try (Connection connection = ShardingGuard.wrap(h2, SHARDED).getConnection()) {
            assertThatThrownBy(() -> connection.prepareStatement("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void closingTheWrapperClosesThePool() throws Exception {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:guard-pool;MODE=MySQL");
        ((Closeable) ShardingGuard.wrap(pool, SHARDED)).close();
        assertThat(pool.isClosed()).isTrue();
    }
}
