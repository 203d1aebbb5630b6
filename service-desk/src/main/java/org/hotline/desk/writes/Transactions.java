package org.hotline.desk.writes;

import org.hotline.desk.events.EventOutbox;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

import javax.sql.DataSource;

/**
 * Where the desk's writes run their transactions: on the pool's connections at its isolation,
 * without asking it ({@link ReadCommittedTransactions}), and with the events each stores written
 * together as it commits ({@link EventOutbox#gatherer}). Outside a transaction it works as any
 * context on the pool.
 */
public final class Transactions {

    private Transactions() {
    }

    public static DSLContext on(DataSource dataSource) {
        return DSL.using(new DefaultConfiguration().set(dataSource).set(SQLDialect.POSTGRES)
                .set(new ReadCommittedTransactions(dataSource)).set(EventOutbox.gatherer()));
    }
}
