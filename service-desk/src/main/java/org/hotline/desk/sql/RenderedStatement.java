package org.hotline.desk.sql;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement of a fixed shape that the call path makes for every call: built with jOOQ's typed
 * DSL once, rendered once, then executed with each call's values through JDBC on the context's
 * connection (the transaction's, inside one). jOOQ builds and renders a statement anew at every
 * execution; for the handful of statements every call makes, that was the largest single share of
 * the server's CPU (BENCHMARKS.md), and jOOQ's manual suggests this very thing ("Performance
 * considerations": cache the SQL jOOQ generated and prepare your own statements).
 *
 * <p>The shape's values that change from call to call are named parameters ({@code
 * DSL.param("at", OffsetDateTime.class)}), each given by {@link #with} before {@link Binding#execute}; its
 * other values (a {@code limit 1}, an outcome's name) are constants kept from the shape. A name
 * not given, given twice or unknown is refused before anything reaches the database. Failures are
 * jOOQ's {@link DataAccessException} with the driver's exception as cause, as for any other
 * statement (so {@code TransientFailure} sees a lost connection the same way).
 */
public final class RenderedStatement {

    /** A named parameter as jOOQ renders it ({@code :name}), not a cast ({@code ::type}). */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![:\\w]):(\\w+)");
    private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES);

    private final String sql;
    /** The shape's named parameters, in the order first met, each to the positions it binds. */
    private final Map<String, Slot> named;
    /** Per position: the constant bound there, or null where a named parameter goes. */
    private final Object[] constants;
    private final int[] nullTypes;

    private record Slot(int index, List<Integer> positions) {
    }

    private RenderedStatement(String sql, Map<String, Slot> named, Object[] constants, int[] nullTypes) {
        this.sql = sql;
        this.named = named;
        this.constants = constants;
        this.nullTypes = nullTypes;
    }

    /** Renders {@code shape} (PostgreSQL) once. */
    public static RenderedStatement of(Query shape) {
        String rendered = RENDERER.renderNamedParams(shape);
        Map<String, Param<?>> params = RENDERER.extractParams(shape);
        List<Object> values = RENDERER.extractBindValues(shape); // in the order of the placeholders
        Matcher placeholder = PLACEHOLDER.matcher(rendered);
        StringBuilder sql = new StringBuilder();
        Map<String, Slot> named = new LinkedHashMap<>();
        List<Object> constants = new ArrayList<>();
        List<Integer> nullTypes = new ArrayList<>();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            int position = constants.size();
            if (position >= values.size()) {
                throw new IllegalArgumentException("more placeholders than values in " + rendered);
            }
            if (name.chars().allMatch(Character::isDigit)) { // unnamed (jOOQ numbers it by its place): a constant of the shape
                constants.add(values.get(position));
                nullTypes.add(Types.NULL);
            } else {
                Param<?> param = params.get(name);
                if (param == null) {
                    throw new IllegalArgumentException("no parameter " + name + " in " + rendered);
                }
                constants.add(null);
                named.computeIfAbsent(name, n -> new Slot(named.size(), new ArrayList<>())).positions().add(position);
                nullTypes.add(param.getDataType().getSQLType());
            }
            placeholder.appendReplacement(sql, "?");
        }
        if (constants.size() != values.size()) {
            throw new IllegalArgumentException(values.size() + " values but " + constants.size() + " placeholders in " + rendered);
        }
        placeholder.appendTail(sql);
        return new RenderedStatement(sql.toString(), named, constants.toArray(),
                nullTypes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A named parameter of {@code column}'s type, for a shape's value that changes from one execution to the next. */
    public static <T> Param<T> param(String name, Field<T> column) {
        return DSL.param(name, column.getDataType());
    }

    /** Each of {@code columns} set to a parameter of the column's name and type (for an insert's or update's {@code set}). */
    public static Map<Field<?>, Field<?>> parametersNamedAs(List<? extends Field<?>> columns) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        columns.forEach(column -> set.put(column, DSL.param(column.getName(), column.getDataType())));
        return set;
    }

    /** The SQL sent, with a {@code ?} for each value. */
    public String sql() {
        return sql;
    }

    /** Begins an execution with {@code name}'s value. */
    public Binding with(String name, Object value) {
        return bind().with(name, value);
    }

    /** Begins an execution (of a statement with no named parameters, the values given after). */
    public Binding bind() {
        return new Binding();
    }

    /** The values of one execution. */
    public final class Binding {
        private final Object[] values = new Object[named.size()];
        private final boolean[] given = new boolean[named.size()];

        private Binding() {
        }

        public Binding with(String name, Object value) {
            Slot slot = named.get(name);
            if (slot == null) {
                throw new IllegalArgumentException("no parameter " + name + " in " + sql);
            }
            if (given[slot.index()]) {
                throw new IllegalArgumentException("parameter " + name + " given twice");
            }
            given[slot.index()] = true;
            values[slot.index()] = value;
            return this;
        }

        /** Executes on {@code db}'s connection (its transaction's, in one): the rows it changed. */
        public int execute(DSLContext db) {
            return run(db, PreparedStatement::executeUpdate);
        }

        /**
         * Executes on {@code db}'s connection a statement that answers rows ({@code returning},
         * a select): the first column of its first row, if it answered any.
         */
        public <T> Optional<T> fetchOptional(DSLContext db, Class<T> type) {
            return run(db, statement -> {
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(rows.getObject(1, type)) : Optional.<T>empty();
                }
            });
        }

        /** Executes on {@code db}'s connection a statement that answers rows: each row as {@code row} reads it. */
        public <T> List<T> fetch(DSLContext db, Row<T> row) {
            return run(db, statement -> {
                List<T> read = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        read.add(row.read(rows));
                    }
                }
                return read;
            });
        }

        private RenderedStatement statement() {
            return RenderedStatement.this;
        }

        private void checkGiven() {
            for (Map.Entry<String, Slot> name : named.entrySet()) {
                if (!given[name.getValue().index()]) {
                    throw new IllegalArgumentException("parameter " + name.getKey() + " not given for " + sql);
                }
            }
        }

        private <R> R run(DSLContext db, Execution<R> execution) {
            checkGiven();
            return db.connectionResult(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    bind(statement);
                    return execution.on(statement);
                } catch (SQLException e) {
                    throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
                }
            });
        }

        private void bind(PreparedStatement statement) throws SQLException {
            Object[] bound = constants.clone();
            for (Slot slot : named.values()) {
                for (int position : slot.positions()) {
                    bound[position] = values[slot.index()];
                }
            }
            for (int i = 0; i < bound.length; i++) {
                switch (bound[i]) {
                    case null -> statement.setNull(i + 1, nullTypes[i] == Types.OTHER ? Types.NULL : nullTypes[i]);
                    case JSONB json -> statement.setObject(i + 1, json.data(), Types.OTHER);
                    default -> statement.setObject(i + 1, bound[i]);
                }
            }
        }
    }

    /**
     * Executes the statement once for each of {@code bindings} (each begun by this statement's
     * {@link #with} or {@link #bind}) as one JDBC batch: one statement prepared, the executions
     * sent together. The rows each changed.
     */
    public int[] executeBatch(DSLContext db, List<Binding> bindings) {
        if (bindings.isEmpty()) {
            return new int[0];
        }
        for (Binding binding : bindings) {
            if (binding.statement() != this) {
                throw new IllegalArgumentException("a binding of another statement in the batch of " + sql);
            }
            binding.checkGiven();
        }
        return db.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Binding binding : bindings) {
                    binding.bind(statement);
                    statement.addBatch();
                }
                return statement.executeBatch();
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }

    /** One row of a result as a value (the columns read by position or name). */
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private interface Execution<R> {
        R on(PreparedStatement statement) throws SQLException;
    }
}
