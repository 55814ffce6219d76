package dev.parley.common.store;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that hands out its target's connections wrapped (in a proxy that checks or tracks what they run), and
 * whose close() reaches a closeable target such as a connection pool. Also the two helpers such proxies need.
 */
public final class WrappingDataSource extends DelegatingDataSource implements Closeable {

    /** Wraps one connection of the target. */
    @FunctionalInterface
    public interface Wrapper {
        Connection wrap(Connection connection) throws SQLException;
    }

    private final Wrapper wrapper;

    public WrappingDataSource(DataSource target, Wrapper wrapper) {
        super(target);
        this.wrapper = wrapper;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrapper.wrap(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrapper.wrap(obtainTargetDataSource().getConnection(username, password));
    }

    @Override
    public void close() throws IOException {
        if (obtainTargetDataSource() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    /** Calls the proxied object's method, throwing what the method threw rather than a reflection wrapper. */
    public static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** equals and hashCode of a proxy by identity: delegating them would make a proxy unequal to itself. */
    public static Object identity(Object proxy, String name, Object[] args) {
        return name.equals("equals") ? proxy == args[0] : System.identityHashCode(proxy);
    }
}
