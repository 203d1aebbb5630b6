package org.hotline.desk.writes;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Whether a failed database operation may succeed if tried again unchanged: no connection to be
 * had (a starved pool, the database away or restarting), or a conflict PostgreSQL asks to retry.
 * A constraint broken or a bad statement is not: trying it again gives the same answer.
 */
public final class TransientFailure {

    /** PostgreSQL's admin shutdown, crash shutdown, cannot connect now, too many connections, serialization failure, deadlock. */
    private static final Set<String> RETRYABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

    private TransientFailure() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || RETRYABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
