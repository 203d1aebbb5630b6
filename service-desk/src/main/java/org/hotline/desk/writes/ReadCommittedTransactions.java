package org.hotline.desk.writes;

import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Transactions on connections of a pool, at the isolation the pool gives them (PostgreSQL's
 * READ COMMITTED: nothing here changes it). jOOQ 3.21's own provider asks each connection for its
 * isolation at every begin, to restore it afterwards even when nothing changed it (jOOQ #20135,
 * open): with pgjdbc a {@code SHOW TRANSACTION ISOLATION LEVEL} round trip a transaction, seven a
 * call. A transaction within one is a savepoint of it, as with jOOQ's.
 */
final class ReadCommittedTransactions implements TransactionProvider {

    /** The key, in a transaction's configuration, of its connection and of the savepoints of the transactions within it. */
    private static final String OPEN = ReadCommittedTransactions.class.getName() + ".open";

    private final DataSource dataSource;

    ReadCommittedTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private record Open(Connection connection, Deque<Savepoint> savepoints) {
    }

    @Override
    public void begin(TransactionContext ctx) {
        try {
            Open outer = (Open) ctx.configuration().data(OPEN);
            if (outer != null) {
                outer.savepoints().push(outer.connection().setSavepoint());
                return;
            }
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            ctx.configuration().data(OPEN, new Open(connection, new ArrayDeque<>()));
            ctx.configuration().set(new DefaultConnectionProvider(connection));
        } catch (SQLException e) {
            throw new DataAccessException("could not begin a transaction: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit(TransactionContext ctx) {
        Open open = open(ctx);
        try {
            if (!open.savepoints().isEmpty()) {
                open.connection().releaseSavepoint(open.savepoints().pop());
                return;
            }
            open.connection().commit();
            ctx.configuration().data().remove(OPEN);
            open.connection().close(); // back to the pool, which sets auto-commit again
        } catch (SQLException e) {
            // not closed: jOOQ rolls back a transaction whose commit failed, which closes it
            throw new DataAccessException("could not commit: " + e.getMessage(), e);
        }
    }

    @Override
    public void rollback(TransactionContext ctx) {
        Open open = (Open) ctx.configuration().data(OPEN);
        if (open == null) {
            return; // its begin failed: nothing to undo
        }
        try {
            if (!open.savepoints().isEmpty()) {
                open.connection().rollback(open.savepoints().pop());
                return;
            }
            ctx.configuration().data().remove(OPEN);
            try {
                open.connection().rollback();
            } finally {
                open.connection().close();
            }
        } catch (SQLException e) {
            throw new DataAccessException("could not roll back: " + e.getMessage(), e);
        }
    }

    private static Open open(TransactionContext ctx) {
        Open open = (Open) ctx.configuration().data(OPEN);
        if (open == null) {
            throw new IllegalStateException("no transaction begun here");
        }
        return open;
    }
}
