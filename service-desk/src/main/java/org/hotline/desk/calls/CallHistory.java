package org.hotline.desk.calls;

import org.jooq.Condition;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CALL;

/** The calls of a customer, or an agent's (all, or the answered ones still to register), newest first. */
public final class CallHistory {

    /** A call in a history. */
    public record Row(long id, Instant at, String direction, Optional<String> callerNumber, Optional<String> queue,
                      Optional<String> outcome, Optional<Double> waitSeconds, Optional<Double> talkSeconds, Optional<Long> recordId,
                      Optional<Long> customerId, Optional<String> agent, String linkedid, Optional<String> disposition) {
    }

    private CallHistory() {
    }

    public static List<Row> ofCustomer(DSLContext db, long customerId, int limit) {
        return rows(db, CALL.CUSTOMER_ID.eq(customerId), limit);
    }

    /** Agent {@code agentId}'s calls; {@code unregisteredOnly}: the answered ones with neither a record nor a disposition. */
    public static List<Row> ofAgent(DSLContext db, long agentId, boolean unregisteredOnly, int limit) {
        Condition where = CALL.AGENT_ID.eq(agentId);
        if (unregisteredOnly) {
            where = where.and(CALL.ANSWERED_AT.isNotNull()).and(CALL.RECORD_ID.isNull()).and(CALL.DISPOSITION.isNull());
        }
        return rows(db, where, limit);
    }

    private static List<Row> rows(DSLContext db, Condition where, int limit) {
        return db.select(CALL.ID, CALL.OFFERED_AT, CALL.DIRECTION, CALL.CALLER_NUMBER, CALL.QUEUE_NAME, CALL.OUTCOME, CALL.WAIT_SECONDS,
                        CALL.TALK_SECONDS, CALL.RECORD_ID, CALL.CUSTOMER_ID, AGENT.USERNAME, CALL.LINKEDID, CALL.DISPOSITION)
                .from(CALL).leftJoin(AGENT).on(AGENT.ID.eq(CALL.AGENT_ID))
                .where(where).orderBy(CALL.OFFERED_AT.desc()).limit(limit)
                .fetch(r -> new Row(r.value1(), r.value2().toInstant(), r.value3(), Optional.ofNullable(r.value4()),
                        Optional.ofNullable(r.value5()), Optional.ofNullable(r.value6()), number(r.value7()), number(r.value8()),
                        Optional.ofNullable(r.value9()), Optional.ofNullable(r.value10()), Optional.ofNullable(r.value11()), r.value12(),
                        Optional.ofNullable(r.value13())));
    }

    private static Optional<Double> number(BigDecimal value) {
        return Optional.ofNullable(value).map(BigDecimal::doubleValue);
    }
}
