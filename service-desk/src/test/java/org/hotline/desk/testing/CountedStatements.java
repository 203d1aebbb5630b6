package org.hotline.desk.testing;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What reaches the driver through a data source: each statement prepared (jOOQ's and those
 * rendered once alike) and each time one is sent (an execution, or a batch of them).
 */
public final class CountedStatements {

    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final DataSource dataSource;

    public CountedStatements(DataSource counted) {
        this.dataSource = proxy(DataSource.class, counted, (method, args, result) ->
                result instanceof Connection connection ? connection(connection) : result);
    }

    /** The data source to use: its connections count. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The SQL of each statement prepared since the last {@link #clear}. */
    public List<String> prepared() {
        return List.copyOf(prepared);
    }

    /** The SQL of each statement sent (executed, or its batch executed) since the last {@link #clear}. */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    public void clear() {
        prepared.clear();
        sent.clear();
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (method, args, result) -> {
            if (method.getName().equals("prepareStatement") || method.getName().equals("prepareCall")) {
                prepared.add(String.valueOf(args[0]));
                return statement((PreparedStatement) result, String.valueOf(args[0]));
            }
            return result;
        });
    }

    private PreparedStatement statement(PreparedStatement statement, String sql) {
        return proxy(PreparedStatement.class, statement, (method, args, result) -> {
            if (method.getName().startsWith("execute")) {
                sent.add(sql);
            }
            return result;
        });
    }

    private interface After {
        Object apply(Method method, Object[] args, Object result) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
        return (T) Proxy.newProxyInstance(CountedStatements.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(method, args, result);
        });
    }
}
