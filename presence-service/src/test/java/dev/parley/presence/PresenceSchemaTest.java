package dev.parley.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.common.store.sharding.ShardingGuard;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every presence table is sharded by workspace in the chat VSchema, so the sharding guard checks its queries. */
class PresenceSchemaTest {

    private static final Pattern TABLE = Pattern.compile(
            "CREATE TABLE (\\w+) \\((.*?)\\);", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern PRIMARY_KEY = Pattern.compile("PRIMARY KEY \\((\\w+)", Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableIsInTheChatVSchemaWithWorkspaceIdFirstInItsKey() throws Exception {
        String sql;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/presence/V1__presence.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> tables = new ArrayList<>();
        Matcher table = TABLE.matcher(sql);
        while (table.find()) {
            tables.add(table.group(1));
            Matcher key = PRIMARY_KEY.matcher(table.group(2));
            assertThat(key.find()).as("%s has a primary key", table.group(1)).isTrue();
            assertThat(key.group(1)).as("first key column of %s", table.group(1)).isEqualTo("workspace_id");
        }
        assertThat(tables).containsExactlyInAnyOrder("presence_manual_away", "dnd_snooze", "custom_status");
        assertThat(ShardingGuard.shardedTablesFromVSchema()).containsAll(tables);
    }
}
