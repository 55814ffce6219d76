package dev.parley.common.store.h2;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import dev.parley.common.store.WrappingDataSource;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Durable commits for the embedded store, shared by every writer at once (group commit). H2 would otherwise write each
 * commit to its file on its own ({@code WRITE_DELAY=0}), re-serializing every B-tree page the commit touched, so
 * concurrent writers paid one store each. Here a commit that wrote anything returns only once its changes are in the
 * file and synced: the first writer to arrive stores and syncs everything committed so far, and writers committing
 * meanwhile wait for that store or the next, which then carries all of them. A write acknowledged to a client
 * therefore survives {@code kill -9} of the process and a crash of the machine.
 *
 * <p>What counts as a write: any statement run other than through {@code executeQuery}, committed explicitly or in
 * auto-commit mode. Read-only transactions never wait.
 */
public final class H2GroupCommit {

    /**
     * A map of this class's own in H2's store, written before each group commit: it gives the store a change to
     * write even when H2's background writer has taken the others, so the commit below is always a synchronous
     * store that also waits for any background one queued before it.
     */
    private static final String MARKER = "parley.durable";

    private final ReentrantLock leading = new ReentrantLock();
    private volatile MVStore store;
    private volatile MVMap<Integer, Long> marker;
    /** The group that writers committing now join. */
    private volatile Group open = new Group();
    /** The group being stored, if any. */
    private volatile Group storing;
    private long groups;

    /** The writers one store makes durable: done once that store ended, well or not. */
    private static final class Group {
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean stored;

        void end(boolean ok) {
            stored = ok;
            ended.countDown();
        }

        boolean ended() {
            return ended.getCount() == 0;
        }
    }

    private H2GroupCommit() {
    }

    /** The data source whose connections make each committed write durable before the commit returns. */
    public static DataSource wrap(DataSource h2) {
        H2GroupCommit commits = new H2GroupCommit();
        return new WrappingDataSource(h2, connection -> commits.new Tracked(connection).proxy);
    }

    /**
     * Waits until everything committed before the call is in the file. The first caller while no store runs leads
     * one: it closes the open group, then stores and syncs everything committed so far; callers arriving meanwhile
     * join the next group, whose store the first of them leads once this one ended.
     */
    void awaitDurable(Connection connection) throws SQLException {
        MVStore mv = store(connection);
        Group mine = open;
        while (!mine.ended() || !mine.stored) {
            if (mine.ended()) {
                // Its store failed: the next one must carry these writes.
                mine = open;
            }
            if (leading.tryLock()) {
                Group closing = null;
                boolean ok = false;
                try {
                    if (mine.ended()) {
                        continue;
                    }
                    closing = open;
                    open = new Group();
                    storing = closing;
                    marker.put(0, ++groups);
                    mv.commit();
                    mv.sync();
                    ok = true;
                } finally {
                    storing = null;
                    leading.unlock();
                    // Only now: the writers it wakes may lead the next store at once.
                    if (closing != null) {
                        closing.end(ok);
                    }
                }
            } else {
                Group running = storing;
                if (running == null) {
                    // A leader between taking the lock and naming its group: moments, but give it the core.
                    Thread.yield();
                    continue;
                }
                try {
                    running.ended.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for a durable commit", e);
                }
            }
        }
    }

    private MVStore store(Connection connection) throws SQLException {
        MVStore mv = store;
        if (mv == null) {
            synchronized (this) {
                if (store == null) {
                    SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
                    MVStore opened = session.getDatabase().getStore().getMvStore();
                    marker = opened.openMap(MARKER);
                    store = opened;
                }
                mv = store;
            }
        }
        return mv;
    }

    /** One pooled connection as its user sees it: remembers whether the open transaction wrote anything. */
    private final class Tracked {

        private final Connection target;
        private final Connection proxy;
        private boolean wrote;

        Tracked(Connection target) {
            this.target = target;
            this.proxy = (Connection) Proxy.newProxyInstance(H2GroupCommit.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, method, args) -> onConnection(p, method, args));
        }

        private Object onConnection(Object p, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "equals", "hashCode" -> {
                    return WrappingDataSource.identity(p, name, args);
                }
                case "createStatement", "prepareStatement", "prepareCall" -> {
                    return statement((Statement) WrappingDataSource.invoke(target, method, args));
                }
                case "commit" -> {
                    WrappingDataSource.invoke(target, method, args);
                    settle();
                    return null;
                }
                case "rollback" -> {
                    Object result = WrappingDataSource.invoke(target, method, args);
                    if (args == null) {
                        wrote = false;
                    }
                    return result;
                }
                case "setAutoCommit" -> {
                    // Turning auto-commit on commits the open transaction.
                    boolean wasAuto = target.getAutoCommit();
                    WrappingDataSource.invoke(target, method, args);
                    if (!wasAuto && (Boolean) args[0]) {
                        settle();
                    }
                    return null;
                }
                case "close" -> {
                    wrote = false;
                    return WrappingDataSource.invoke(target, method, args);
                }
                default -> {
                    return WrappingDataSource.invoke(target, method, args);
                }
            }
        }

        private void settle() throws SQLException {
            if (wrote) {
                wrote = false;
                awaitDurable(target);
            }
        }

        private Statement statement(Statement statement) {
            Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                    : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
            return (Statement) Proxy.newProxyInstance(H2GroupCommit.class.getClassLoader(), new Class<?>[] {type},
                    (p, method, args) -> {
                        String name = method.getName();
                        if (name.equals("equals") || name.equals("hashCode")) {
                            return WrappingDataSource.identity(p, name, args);
                        }
                        if (name.equals("getConnection")) {
                            return proxy;
                        }
                        Object result = WrappingDataSource.invoke(statement, method, args);
                        if (name.startsWith("execute") && !name.equals("executeQuery")) {
                            wrote = true;
                            if (target.getAutoCommit()) {
                                settle();
                            }
                        }
                        return result;
                    });
        }
    }
}
