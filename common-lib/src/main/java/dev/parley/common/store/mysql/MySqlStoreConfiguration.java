package dev.parley.common.store.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.common.store.StoreSetup;
import dev.parley.common.store.ConditionalOnStore;
import dev.parley.common.store.SchemaModule;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The real relational store: MySQL protocol (MySQL 8, MariaDB, or Vitess VTGate) through mysql-connector-j. */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnStore
@ConditionalOnProperty(name = "parley.store.type", havingValue = "mysql")
class MySqlStoreConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(Environment env, ObjectProvider<SchemaModule> modules) {
        return StoreSetup.ready(new HikariDataSource(config(env)), modules, env);
    }

    public static HikariConfig config(Environment env) {
        String url = env.getProperty("parley.store.url", "");
        if (url.isBlank()) {
            throw new IllegalStateException("parley.store.type=mysql needs parley.store.url, "
                    + "e.g. jdbc:mysql://127.0.0.1:3306/parley");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley-mysql");
        config.setJdbcUrl(url);
        config.setUsername(env.getProperty("parley.store.username", "root"));
        config.setPassword(env.getProperty("parley.store.password", ""));
        config.setMaximumPoolSize(env.getProperty("parley.store.pool-size", Integer.class, 16));
        // Read committed keeps the per-channel sequence row lock from taking gap locks under concurrent posting.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("useServerPrepStmts", "false");
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        config.addDataSourceProperty("connectionCollation", "utf8mb4_bin");
        return config;
    }
}
