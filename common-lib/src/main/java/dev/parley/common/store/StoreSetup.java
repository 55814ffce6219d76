package dev.parley.common.store;

import dev.parley.common.store.sharding.ShardingGuard;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * Makes a store adapter's DataSource ready: migrated, and with {@code parley.store.sharding-guard=true} (as the tests
 * run) refusing any statement on a sharded table that Vitess could not route to one shard.
 */
public final class StoreSetup {

    public static final String SHARDING_GUARD = "parley.store.sharding-guard";

    private StoreSetup() {
    }

    public static DataSource ready(DataSource dataSource, ObjectProvider<SchemaModule> modules, Environment env) {
        SchemaMigrations.migrate(dataSource, modules);
        return env.getProperty(SHARDING_GUARD, Boolean.class, false)
                ? ShardingGuard.wrap(dataSource, ShardingGuard.shardedTablesFromVSchema())
                : dataSource;
    }
}
