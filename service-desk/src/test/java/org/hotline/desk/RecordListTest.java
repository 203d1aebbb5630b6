package org.hotline.desk;

import org.hotline.desk.records.Actor;
import org.hotline.desk.records.NewRecord;
import org.hotline.desk.records.RecordFilter;
import org.hotline.desk.records.RecordList;
import org.hotline.desk.records.RecordStatus;
import org.hotline.desk.records.RecordType;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.desk.testing.MutableClock;
import org.hotline.desk.testing.TestDatabase;
import org.hotline.desk.timers.DueSlaClocks;
import org.hotline.desk.timers.TimerScheduler;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worklists of a shift, from records made and moved through the desk with the real timers:
 * mine, open, at risk (the first-contact clock warned at 16 of its 20 minutes), breached (past
 * them), by text; pages that neither skip nor repeat a record created while paging.
 */
class RecordListTest {

    private static final Instant MONDAY_10 = LocalDateTime.parse("2026-11-23T10:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant();

    @Test
    void theWorklistsOfAShiftFollowTheClocks() {
        try (TestDatabase database = TestDatabase.start(); var pool = database.pool("lists", 2)) {
            DSLContext db = database.dsl();
            MutableClock clock = new MutableClock(MONDAY_10);
            SlaPolicies policies = ShippedRules.slaPolicies(Optional.empty());
            ServiceDesk desk = new ServiceDesk(pool, policies, ShippedRules.deskSettings(Optional.empty()), clock);
            TimerScheduler timers = new TimerScheduler("lists", pool, List.of(new DueSlaClocks(policies, desk.escalations())), clock,
                    Duration.ofSeconds(1), 500);
            db.execute("INSERT INTO agent (id, username, display_name) VALUES (1, 'wangfang', '王芳'), (2, 'lilei', '李雷')");
            long customer = db.resultQuery("INSERT INTO customer (name) VALUES ('赵六') RETURNING id").fetchOne(0, Long.class);

            long repair = desk.createRecord(NewRecord.of(RecordType.REPAIR).withCustomer(customer, "+8613800138000")
                    .withFault("空调不制冷 E5"), Actor.ivr()).id();
            long consultation = desk.createRecord(NewRecord.of(RecordType.CONSULTATION), Actor.ivr()).id();
            clock.advance(Duration.ofMinutes(1));
            long mine = desk.createRecord(NewRecord.of(RecordType.INSTALLATION).withCustomer(customer, "+8613800138000"), Actor.ivr()).id();
            desk.assignRecord(mine, 1, Actor.agent(2, "李雷"), "yours");
            desk.recordEvent(mine, "customer_contacted", Actor.agent(1, "王芳"), "called them");
            long closed = desk.createRecord(NewRecord.of(RecordType.SUGGESTION), Actor.ivr()).id();
            desk.transition(closed, RecordStatus.CANCELLED, Actor.agent(1, "王芳"), "a duplicate");

            clock.advance(Duration.ofMinutes(16)); // the repair's 20-minute first contact: at risk after 16
            timers.fireAllDue();
            assertThat(ids(RecordList.page(db, filter(f -> f.atRisk = true), Optional.empty(), 50))).containsExactly(repair);
            clock.advance(Duration.ofMinutes(5));
            timers.fireAllDue();
            assertThat(ids(RecordList.page(db, filter(f -> f.breached = true), Optional.empty(), 50))).containsExactly(repair);
            assertThat(ids(RecordList.page(db, filter(f -> f.atRisk = true), Optional.empty(), 50))).as("breached is no longer at risk").isEmpty();

            assertThat(ids(RecordList.page(db, filter(f -> f.handler = Optional.of(1L)), Optional.empty(), 50))).containsExactly(mine);
            assertThat(ids(RecordList.page(db, filter(f -> f.open = true), Optional.empty(), 50)))
                    .containsExactly(mine, consultation, repair);
            assertThat(ids(RecordList.page(db, filter(f -> f.text = Optional.of("e5")), Optional.empty(), 50))).containsExactly(repair);
            String number = db.resultQuery("SELECT number FROM contact_record WHERE id = " + consultation).fetchOne(0, String.class);
            assertThat(ids(RecordList.page(db, filter(f -> f.text = Optional.of(number)), Optional.empty(), 50))).containsExactly(consultation);
            assertThat(ids(RecordList.page(db, filter(f -> f.text = Optional.of("%")), Optional.empty(), 50))).as("% is text").isEmpty();
            var repairRow = RecordList.page(db, filter(f -> f.customer = Optional.of(customer)), Optional.empty(), 50).rows().getLast();
            assertThat(repairRow.customerName()).contains("赵六");
            assertThat(repairRow.nextDeadline()).as("its running clocks' nearest deadline").isPresent();

            // paging: two at a time, a record created meanwhile neither repeats one nor hides one
            var first = RecordList.page(db, RecordFilter.all(), Optional.empty(), 2);
            clock.advance(Duration.ofMinutes(1));
            desk.createRecord(NewRecord.of(RecordType.CONSULTATION), Actor.ivr());
            var second = RecordList.page(db, RecordFilter.all(), first.next(), 2);
            assertThat(second.next()).isEmpty();
            List<Long> paged = new ArrayList<>(ids(first));
            paged.addAll(ids(second));
            assertThat(paged).containsExactly(closed, mine, consultation, repair);
            assertThatThrownBy(() -> RecordList.page(db, RecordFilter.all(), Optional.of("not-a-cursor"), 2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cursor:");
        }
    }

    private static List<Long> ids(RecordList.Page page) {
        return page.rows().stream().map(RecordList.Row::id).toList();
    }

    /** A filter built by setting its parts. */
    private static RecordFilter filter(java.util.function.Consumer<Parts> set) {
        Parts p = new Parts();
        set.accept(p);
        return new RecordFilter(p.handler, Optional.empty(), List.of(), List.of(), p.open, p.atRisk, p.breached, p.customer,
                Optional.empty(), Optional.empty(), p.text);
    }

    private static final class Parts {
        Optional<Long> handler = Optional.empty();
        boolean open;
        boolean atRisk;
        boolean breached;
        Optional<Long> customer = Optional.empty();
        Optional<String> text = Optional.empty();
    }
}
