package org.hotline.server.store;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The pool's connections, telling their isolation level without asking PostgreSQL. jOOQ 3.21
 * asks a connection for it at the start of every transaction (jOOQ issue #20135) and pgjdbc
 * answers each time with a round trip ({@code SHOW TRANSACTION ISOLATION LEVEL}): one a
 * transaction, a sixth of all statements in the whole-call benchmark. The pool sets each new
 * connection to {@code level} and puts a borrowed one back to it when its borrower changed it,
 * so a connection just borrowed is at {@code level}; until its borrower sets another, that is
 * the answer. Everything else goes to the pool's connection as it is.
 */
final class KnownIsolation implements DataSource {

    private final DataSource pool;
    private final int level;

    /** @param level what {@code pool} sets each connection to, and restores on return */
    KnownIsolation(DataSource pool, int level) {
        this.pool = pool;
        this.level = level;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return told(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return told(pool.getConnection(username, password));
    }

    private Connection told(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Borrowed(connection, level));
    }

    /** One borrowed connection: its isolation level known until its borrower sets one. */
    private static final class Borrowed implements InvocationHandler {
        private final Connection connection;
        private final int level;
        private boolean changed;

        Borrowed(Connection connection, int level) {
            this.connection = connection;
            this.level = level;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("getTransactionIsolation") && !changed) {
                return level;
            }
            if (method.getName().equals("setTransactionIsolation")) {
                changed = true;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
