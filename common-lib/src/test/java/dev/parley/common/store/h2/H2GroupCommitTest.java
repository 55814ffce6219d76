package dev.parley.common.store.h2;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2GroupCommitTest {

    @TempDir
    Path dir;

    private static HikariDataSource pool(Path file) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(H2StoreSupport.jdbcUrl(file));
        config.setUsername("sa");
        config.setMaximumPoolSize(16);
        return new HikariDataSource(config);
    }

    private static Set<Integer> ids(Path file) throws SQLException {
        Set<Integer> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(H2StoreSupport.jdbcUrl(file), "sa", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT id FROM acked")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    /**
     * A child process commits from many threads, in transactions and in auto-commit, and prints each id once its
     * commit returned; it is killed with SIGKILL mid-stream. Every printed id must be in the file afterwards.
     */
    @Test
    void everyCommitThatReturnedSurvivesKill9() throws Exception {
        Path file = dir.resolve("kill");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Writer.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<Integer> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.startsWith("acked ")) {
                    continue;
                }
                acknowledged.add(Integer.parseInt(line.substring(6).trim()));
                if (acknowledged.size() == 3000) {
                    // SIGKILL, as a crash would; what it printed before dying was acknowledged too and is read on.
                    new ProcessBuilder("kill", "-9", Long.toString(writer.pid())).start().waitFor();
                }
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3000);
        assertThat(ids(file)).containsAll(acknowledged);
    }

    @Test
    void concurrentWritersAllCommitAndReadOnlyOrRolledBackWorkLeavesNothing() throws Exception {
        Path file = dir.resolve("concurrent");
        try (HikariDataSource pool = pool(file)) {
            DataSource ds = H2StoreSupport.durable(pool);
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("CREATE TABLE acked (id INT PRIMARY KEY)");
            }
            AtomicInteger next = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(8);
            List<Thread> threads = java.util.stream.IntStream.range(0, 8).mapToObj(t -> Thread.ofPlatform().start(() -> {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    for (int i = 0; i < 200; i++) {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO acked (id) VALUES (?)")) {
                            ps.setInt(1, next.incrementAndGet());
                            ps.executeUpdate();
                        }
                        c.commit();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            })).toList();
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            for (Thread thread : threads) {
                thread.join();
            }
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                c.createStatement().executeUpdate("INSERT INTO acked (id) VALUES (-1)");
                c.rollback();
                c.createStatement().executeQuery("SELECT COUNT(*) FROM acked").close();
                c.commit();
                c.setAutoCommit(true);
            }
        }
        Set<Integer> ids = ids(file);
        assertThat(ids).hasSize(1600).doesNotContain(-1);
    }

    /** The child process of {@link #everyCommitThatReturnedSurvivesKill9}. */
    public static final class Writer {

        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            Files.createDirectories(file.getParent());
            HikariDataSource pool = pool(file);
            DataSource ds = H2StoreSupport.durable(pool);
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("CREATE TABLE acked (id INT PRIMARY KEY, filler VARCHAR(400))");
            }
            AtomicInteger next = new AtomicInteger();
            Object print = new Object();
            for (int t = 0; t < 8; t++) {
                boolean autoCommit = t % 2 == 0;
                Thread.ofPlatform().start(() -> {
                    try (Connection c = ds.getConnection()) {
                        c.setAutoCommit(autoCommit);
                        while (true) {
                            int id = next.incrementAndGet();
                            try (PreparedStatement ps = c.prepareStatement("INSERT INTO acked (id, filler) VALUES (?, ?)")) {
                                ps.setInt(1, id);
                                ps.setString(2, "x".repeat(id % 400));
                                ps.executeUpdate();
                            }
                            if (!autoCommit) {
                                c.commit();
                            }
                            synchronized (print) {
                                System.out.println("acked " + id);
                                System.out.flush();
                            }
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }
}
