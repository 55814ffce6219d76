package dev.parley.common.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.common.store.SchemaMigrations;
import dev.parley.common.store.SchemaModule;
import dev.parley.common.store.sharding.ShardingGuard;
import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A migrated relational store of either adapter for a test: a throw-away H2 file database, or a throw-away database
 * on the MariaDB/MySQL server at {@code parley.test.mysql.url} (default {@code jdbc:mysql://127.0.0.1:3306/}), dropped
 * on close.
 */
public final class TestStore implements AutoCloseable {

    public static final String MYSQL_SERVER = System.getProperty("parley.test.mysql.url",
            System.getenv().getOrDefault("PARLEY_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/"));
    public static final String MYSQL_USER = System.getProperty("parley.test.mysql.user", "root");
    public static final String MYSQL_PASSWORD = System.getProperty("parley.test.mysql.password", "");

    private final HikariDataSource dataSource;
    private final DataSource guarded;
    private final Runnable cleanup;
    private final String url;

    private TestStore(HikariDataSource dataSource, String url, Runnable cleanup) {
        this.dataSource = dataSource;
        // Tests see the store as production code does: H2 with its durable group commit and, as on Vitess, every
        // statement routable to one shard.
        DataSource store = url.startsWith("jdbc:h2:") ? dev.parley.common.store.h2.H2StoreSupport.durable(dataSource) : dataSource;
        this.guarded = ShardingGuard.wrap(store, ShardingGuard.shardedTablesFromVSchema());
        this.url = url;
        this.cleanup = cleanup;
    }

    public static TestStore h2(String... modules) {
        try {
            Path dir = Files.createTempDirectory("parley-h2-");
            HikariConfig config = new HikariConfig();
            String url = dev.parley.common.store.h2.H2StoreSupport.jdbcUrl(dir.resolve("test"));
            config.setJdbcUrl(url);
            config.setUsername("sa");
            config.setMaximumPoolSize(16);
            return migrated(new HikariDataSource(config), url, modules, () -> deleteTree(dir));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh database on the MariaDB/MySQL test server; fails, naming the server, when none answers. */
    public static TestStore mysql(String... modules) {
        String database = createDatabase();
        String url = MYSQL_SERVER + database + "?useSSL=false&allowPublicKeyRetrieval=true";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(MYSQL_USER);
        config.setPassword(MYSQL_PASSWORD);
        config.setMaximumPoolSize(16);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return migrated(new HikariDataSource(config), url, modules, () -> dropDatabase(database));
    }

    /** Creates an empty database named for this test run on the MySQL test server and returns its name. */
    public static String createDatabase() {
        String database = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(MYSQL_SERVER, MYSQL_USER, MYSQL_PASSWORD)) {
            c.createStatement().execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("The MariaDB/MySQL test server at " + MYSQL_SERVER
                    + " is not reachable (start it, or point parley.test.mysql.url at one): " + e.getMessage(), e);
        }
        return database;
    }

    public static void dropDatabase(String database) {
        try (Connection c = DriverManager.getConnection(MYSQL_SERVER, MYSQL_USER, MYSQL_PASSWORD)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + database, e);
        }
    }

    private static TestStore migrated(HikariDataSource ds, String url, String[] modules, Runnable cleanup) {
        SchemaMigrations.migrate(ds, List.of(modules).stream().map(SchemaModule::new).toList());
        return new TestStore(ds, url, cleanup);
    }

    /** The store as the application sees it, behind the sharding guard. */
    public DataSource dataSource() {
        return guarded;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(guarded);
    }

    public JdbcTemplate jdbcTemplate() {
        return new JdbcTemplate(guarded);
    }

    public TransactionTemplate tx() {
        return new TransactionTemplate(new JdbcTransactionManager(guarded));
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        dataSource.close();
        cleanup.run();
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // Temp files; the OS cleans up what is left.
        }
    }
}
