package org.hotline.bridge.agents;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.AGENT_STATE_HISTORY;

/**
 * Writes agents' states to {@code agent_state_history}: each change ends the agent's current row
 * and starts a new one. Agents are known by their device ({@code agent.interface}); a member
 * Hotline has no agent for is not recorded. Writes run on a thread of their own, in order.
 */
public final class AgentStateRecorder implements Consumer<AgentStateChange>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentStateRecorder.class);

    private final DSLContext db;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("agent-recorder")
            .daemon().unstarted(r));

    public AgentStateRecorder(DataSource dataSource) {
        this.db = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    @Override
    public void accept(AgentStateChange change) {
        writer.execute(() -> {
            try {
                write(change);
            } catch (RuntimeException e) {
                log.warn("Agent {}: state {} not recorded: {}", change.agentInterface(), change.to(), e.getMessage());
            }
        });
    }

    private void write(AgentStateChange change) {
        Long agentId = db.select(AGENT.ID).from(AGENT).where(AGENT.INTERFACE.eq(change.agentInterface()))
                .fetchOptional(AGENT.ID).orElse(null);
        if (agentId == null) {
            return;
        }
        OffsetDateTime at = change.at().atOffset(ZoneOffset.UTC);
        db.transaction(c -> {
            DSLContext tx = c.dsl();
            tx.update(AGENT_STATE_HISTORY).set(AGENT_STATE_HISTORY.ENDED_AT, DSL.greatest(AGENT_STATE_HISTORY.STARTED_AT, DSL.val(at)))
                    .where(AGENT_STATE_HISTORY.AGENT_ID.eq(agentId).and(AGENT_STATE_HISTORY.ENDED_AT.isNull())).execute();
            tx.insertInto(AGENT_STATE_HISTORY).set(AGENT_STATE_HISTORY.AGENT_ID, agentId)
                    .set(AGENT_STATE_HISTORY.STATE, change.to().name().toLowerCase(Locale.ROOT))
                    .set(AGENT_STATE_HISTORY.REASON, change.reason().isEmpty() ? null : change.reason())
                    .set(AGENT_STATE_HISTORY.SOURCE, "ami").set(AGENT_STATE_HISTORY.STARTED_AT, at).execute();
        });
    }

    /** Waits until every change accepted so far is written. */
    public void flush() {
        try {
            writer.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("agent recorder did not catch up: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
