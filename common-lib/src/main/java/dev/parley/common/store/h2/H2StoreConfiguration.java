package dev.parley.common.store.h2;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.common.store.StoreSetup;
import dev.parley.common.store.ConditionalOnStore;
import dev.parley.common.store.SchemaModule;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The embedded relational store: an H2 file database in MySQL mode under {@code parley.data-dir}. */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnStore
@ConditionalOnProperty(name = "parley.store.type", havingValue = "h2", matchIfMissing = true)
class H2StoreConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(Environment env, ObjectProvider<SchemaModule> modules) {
        return StoreSetup.ready(H2StoreSupport.durable(new HikariDataSource(config(env))), modules, env);
    }

    static HikariConfig config(Environment env) {
        Path dir = Path.of(env.getProperty("parley.data-dir", Path.of(System.getProperty("user.home"), ".parley").toString()))
                .toAbsolutePath();
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley-h2");
        config.setJdbcUrl(H2StoreSupport.jdbcUrl(dir.resolve("db").resolve("parley")));
        config.setUsername("sa");
        config.setPassword("");
        // A connection holds on through its commit's durable wait (H2GroupCommit), so concurrent writers need one
        // each to share a group: an embedded session costs little.
        config.setMaximumPoolSize(env.getProperty("parley.store.pool-size", Integer.class, 64));
        return config;
    }
}
