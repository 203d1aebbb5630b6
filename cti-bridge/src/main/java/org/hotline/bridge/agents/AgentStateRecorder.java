package org.hotline.bridge.agents;

import org.hotline.events.AgentStateChanged;
import org.hotline.desk.writes.WriteQueue;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Consumer;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.AGENT_STATE_HISTORY;

/**
 * Writes agents' states to {@code agent_state_history}: each change ends the agent's current row
 * and starts a new one. Agents are known by their device ({@code agent.interface}); a member
 * Hotline has no agent for is not recorded. Writes run on a {@link WriteQueue}, in order, and wait
 * out a database that takes none for a while.
 */
public final class AgentStateRecorder implements Consumer<AgentStateChanged>, AutoCloseable {

    private final DSLContext db;
    private final WriteQueue writer;

    public AgentStateRecorder(DataSource dataSource) {
        this(dataSource, 200_000);
    }

    /** @param pendingWrites the most writes kept while the database takes none */
    public AgentStateRecorder(DataSource dataSource, int pendingWrites) {
        this.db = DSL.using(dataSource, SQLDialect.POSTGRES);
        this.writer = new WriteQueue("agent-recorder", pendingWrites);
    }

    /** The queue of this recorder's writes (for its metrics). */
    public WriteQueue writes() {
        return writer;
    }

    @Override
    public void accept(AgentStateChanged change) {
        writer.write("agent " + change.agentInterface() + ": state " + change.to(), () -> write(change));
    }

    private void write(AgentStateChanged change) {
        OffsetDateTime at = change.at().atOffset(ZoneOffset.UTC);
        // one statement (the agent looked up in it): the open state closed, in a WITH, and the new one opened; whole or
        // not at all without a transaction's round trips. Both parts see the table as it was: the new row is not closed.
        var agent = DSL.select(AGENT.ID).from(AGENT).where(AGENT.INTERFACE.eq(change.agentInterface())).orderBy(AGENT.ID).limit(1);
        db.with("closed").as(DSL.update(AGENT_STATE_HISTORY)
                        .set(AGENT_STATE_HISTORY.ENDED_AT, DSL.greatest(AGENT_STATE_HISTORY.STARTED_AT, DSL.val(at)))
                        .where(AGENT_STATE_HISTORY.AGENT_ID.eq(DSL.field(agent)).and(AGENT_STATE_HISTORY.ENDED_AT.isNull()))
                        .returning(AGENT_STATE_HISTORY.ID))
                .insertInto(AGENT_STATE_HISTORY, AGENT_STATE_HISTORY.AGENT_ID, AGENT_STATE_HISTORY.STATE, AGENT_STATE_HISTORY.REASON,
                        AGENT_STATE_HISTORY.SOURCE, AGENT_STATE_HISTORY.STARTED_AT)
                .select(DSL.select(AGENT.ID, DSL.val(change.to().name().toLowerCase(Locale.ROOT)),
                                DSL.val(change.reason().isEmpty() ? null : change.reason()), DSL.val("ami"), DSL.val(at))
                        .from(AGENT).where(AGENT.INTERFACE.eq(change.agentInterface())).orderBy(AGENT.ID).limit(1))
                .execute();
    }

    /** Waits until every change accepted so far is written. */
    public void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }
}
