package org.hotline.bridge.calls;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hotline.desk.customers.PhoneNumbers;
import org.hotline.desk.testing.CountedStatements;
import org.hotline.events.CallDirection;
import org.hotline.events.CallEvent;
import org.hotline.events.CallOutcome;
import org.hotline.schema.Migrations;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorder writes an event said to take one statement without a transaction around it: that
 * is sound only while each such write is indeed one statement, whatever the event carries.
 */
class CallRowsStatementsTest {

    private static final Instant AT = Instant.parse("2026-11-23T02:00:00Z");
    private static final Map<String, String> IDS = Map.of("HOTLINE_RECORD_ID", "7", "HOTLINE_IVR_SESSION_ID", "8",
            "HOTLINE_CALLBACK_ID", "9", "HOTLINE_CUSTOMER_ID", "10");

    private static EmbeddedPostgres postgres;
    private static CountedStatements counting;
    private static DSLContext counted;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Migrations.apply(postgres.getPostgresDatabase());
        counting = new CountedStatements(postgres.getPostgresDatabase());
        counted = DSL.using(counting.dataSource(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void everyWriteSaidToBeOneStatementIsOneStatement() {
        List<String> single = new ArrayList<>();
        int n = 0;
        for (CallEvent event : everyKind()) {
            for (boolean rowMade : new boolean[] {false, true}) {
                String linkedid = "1795357008." + (++n);
                CallEvent e = withLinkedid(event, linkedid);
                if (rowMade) {
                    new CallRows(counted, PhoneNumbers.china()).write(new CallEvent.Offered("pbx-a", linkedid, AT), false);
                }
                counting.clear();
                counted.transaction(tx -> new CallRows(tx.dsl(), PhoneNumbers.china()).write(e, rowMade));
                String what = e.getClass().getSimpleName() + (rowMade ? "" : " first");
                List<String> statements = counting.sent();
                if (CallRows.oneStatement(e, rowMade)) {
                    assertThat(statements).as(what).hasSizeLessThanOrEqualTo(1);
                    single.add(what);
                } else {
                    assertThat(statements).as(what).hasSizeGreaterThan(1);
                }
            }
        }
        assertThat(single).as("the events of every answered call").contains("QueueJoined", "AgentRinging", "Answered", "AgentCompleted",
                "Offered first");
    }

    private static List<CallEvent> everyKind() {
        return List.of(
                new CallEvent.Offered("pbx-a", "", AT),
                new CallEvent.IvrEntered("pbx-a", "", AT, "13800138000", "张三"),
                new CallEvent.IvrLeft("pbx-a", "", AT, "service"),
                new CallEvent.QueueJoined("pbx-a", "", AT, "service", 1, "13800138000", "张三", IDS),
                new CallEvent.QueueTakenOver("pbx-a", "", AT, "service", 1, "13800138000", "张三", 3.5, AT, AT, IDS),
                new CallEvent.AgentRinging("pbx-a", "", AT, "Local/1001@agents/n", "1001", "service", "13800138000", "张三",
                        "Local/1001@agents-00000001;1", IDS),
                new CallEvent.AgentRingNoAnswer("pbx-a", "", AT, "Local/1001@agents/n", "1001", 15000),
                new CallEvent.Answered("pbx-a", "", AT, "Local/1001@agents/n", "1001", "service", 3, 2, 3.25),
                new CallEvent.Abandoned("pbx-a", "", AT, "service", 5, 1, 5.0),
                new CallEvent.AgentCompleted("pbx-a", "", AT, "Local/1001@agents/n", "1001", 40, 0, "caller"),
                new CallEvent.Transferred("pbx-a", "", AT, "blind", "2000", "agents", "Success"),
                new CallEvent.Ended("pbx-a", "", AT, CallOutcome.ANSWERED, CallDirection.CALLBACK, 16, "Normal Clearing", "13800138000",
                        "service", IDS, "1795357008.1", AT, 40.0, 0, null));
    }

    /** The same event on another call. */
    private static CallEvent withLinkedid(CallEvent e, String linkedid) {
        return switch (e) {
            case CallEvent.Offered o -> new CallEvent.Offered(o.server(), linkedid, o.at());
            case CallEvent.IvrEntered o -> new CallEvent.IvrEntered(o.server(), linkedid, o.at(), o.callerNumber(), o.callerName());
            case CallEvent.IvrLeft o -> new CallEvent.IvrLeft(o.server(), linkedid, o.at(), o.queue());
            case CallEvent.QueueJoined o -> new CallEvent.QueueJoined(o.server(), linkedid, o.at(), o.queue(), o.position(),
                    o.callerNumber(), o.callerName(), o.variables());
            case CallEvent.QueueTakenOver o -> new CallEvent.QueueTakenOver(o.server(), linkedid, o.at(), o.queue(), o.position(),
                    o.callerNumber(), o.callerName(), o.waitSeconds(), o.queuedAt(), o.offeredAt(), o.variables());
            case CallEvent.AgentRinging o -> new CallEvent.AgentRinging(o.server(), linkedid, o.at(), o.agentInterface(), o.memberName(),
                    o.queue(), o.callerNumber(), o.callerName(), o.agentChannel(), o.variables());
            case CallEvent.AgentRingNoAnswer o -> new CallEvent.AgentRingNoAnswer(o.server(), linkedid, o.at(), o.agentInterface(),
                    o.memberName(), o.ringMillis());
            case CallEvent.Answered o -> new CallEvent.Answered(o.server(), linkedid, o.at(), o.agentInterface(), o.memberName(), o.queue(),
                    o.holdSeconds(), o.ringSeconds(), o.waitSeconds());
            case CallEvent.Abandoned o -> new CallEvent.Abandoned(o.server(), linkedid, o.at(), o.queue(), o.holdSeconds(), o.position(),
                    o.waitSeconds());
            case CallEvent.AgentCompleted o -> new CallEvent.AgentCompleted(o.server(), linkedid, o.at(), o.agentInterface(),
                    o.memberName(), o.talkSeconds(), o.holdSeconds(), o.reason());
            case CallEvent.Transferred o -> new CallEvent.Transferred(o.server(), linkedid, o.at(), o.kind(), o.extension(), o.context(),
                    o.result());
            case CallEvent.Ended o -> new CallEvent.Ended(o.server(), linkedid, o.at(), o.outcome(), o.direction(), o.cause(), o.causeText(),
                    o.callerNumber(), o.queue(), o.variables(), o.ivrUniqueid(), o.connectedAt(), o.talkSeconds(), o.onHoldSeconds(),
                    o.transferredTo());
        };
    }
}
