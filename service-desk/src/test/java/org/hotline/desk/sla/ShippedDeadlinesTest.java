package org.hotline.desk.sla;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every deadline of DOMAIN.md's table, computed from the shipped config/sla-policies.yaml. */
class ShippedDeadlinesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final SlaPolicies POLICIES = SlaPoliciesReader.read(Path.of("../config/sla-policies.yaml"));
    /** Monday 23 November 2026, 10:00, in opening hours. */
    private static final Instant MONDAY_10 = at("2026-11-23T10:00");

    @Test
    void firstContactBackToTheCaller() {
        assertThat(deadline(record("repair"), "first-contact", MONDAY_10)).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(20)));
        assertThat(deadline(record("installation"), "first-contact", MONDAY_10)).isEqualTo(MONDAY_10.plus(Duration.ofHours(2)));
        assertThat(deadline(record("consultation"), "first-contact", MONDAY_10)).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(30)));
    }

    @Test
    void forwardAndTeamContactInFourWorkingHours() {
        RecordClocks clocks = clocks(record("return_exchange"));
        clocks.on("record_created", at("2026-11-27T16:00")); // Friday: two hours left that day
        assertThat(clocks.clock("forward").deadline()).isEqualTo(at("2026-11-30T11:00"));

        clocks.on("request_forwarded", at("2026-11-30T10:30"));
        assertThat(clocks.clock("forward").state()).isEqualTo(SlaClock.State.MET);
        assertThat(clocks.clock("team-contact").deadline()).isEqualTo(at("2026-11-30T16:00"));
    }

    @Test
    void answerAConsultationAndDecideASolutionInEightWorkingHours() {
        // Monday 10:00-12:00 and 13:30-18:00 are 6.5 hours; the last 1.5 hours are Tuesday morning
        assertThat(deadline(record("consultation"), "answer", MONDAY_10)).isEqualTo(at("2026-11-24T10:30"));
        assertThat(deadline(record("complaint"), "decide-solution", MONDAY_10)).isEqualTo(at("2026-11-24T10:30"));
        assertThat(deadline(record("repair"), "decide-solution", MONDAY_10)).isEqualTo(at("2026-11-24T10:30"));
    }

    @Test
    void replyToAnyRequestIn24Hours() {
        assertThat(deadline(record("suggestion"), "reply", at("2026-11-27T17:00"))).isEqualTo(at("2026-11-28T17:00"));
    }

    @Test
    void dispatchIn30MinutesFromTheRecordOrFromTheConsentOutOfWarranty() {
        assertThat(deadline(record("repair"), "dispatch", MONDAY_10)).isEqualTo(at("2026-11-23T10:30"));

        RecordClocks outOfWarranty = clocks(new RecordFacts("repair", "normal", Optional.empty(), Optional.empty(), "out_of_warranty"));
        outOfWarranty.on("record_created", MONDAY_10);
        assertThat(outOfWarranty.clocks()).doesNotContainKey("dispatch");
        outOfWarranty.on("fee_consented", at("2026-11-23T15:00"));
        assertThat(outOfWarranty.clock("dispatch").deadline()).isEqualTo(at("2026-11-23T15:30"));
    }

    @Test
    void onSiteByZoneCountsFromTheCustomersNotification() {
        Instant notified = at("2026-11-23T19:00");
        assertThat(onSite("inner_ring", notified)).isEqualTo(at("2026-11-23T21:00"));
        assertThat(onSite("second_ring", notified)).isEqualTo(at("2026-11-23T22:00"));
        assertThat(onSite("city", notified)).isEqualTo(at("2026-11-23T23:00"));
        assertThat(onSite("county", notified)).isEqualTo(at("2026-11-24T01:00"));
    }

    @Test
    void onSiteByDistanceCountsFromTheRecordOrTheConsent() {
        assertThat(deadline(distant(250, "in_warranty"), "on-site", MONDAY_10)).isEqualTo(MONDAY_10.plus(Duration.ofHours(24)));
        assertThat(deadline(distant(300, "in_warranty"), "on-site", MONDAY_10)).isEqualTo(MONDAY_10.plus(Duration.ofHours(24)));
        assertThat(deadline(distant(301, "in_warranty"), "on-site", MONDAY_10)).isEqualTo(MONDAY_10.plus(Duration.ofHours(48)));
        assertThat(deadline(distant(1800, "in_warranty"), "on-site", MONDAY_10)).isEqualTo(MONDAY_10.plus(Duration.ofHours(72)));

        RecordClocks outOfWarranty = clocks(distant(800, "out_of_warranty"));
        outOfWarranty.on("record_created", MONDAY_10);
        assertThat(outOfWarranty.clocks()).doesNotContainKey("on-site");
        outOfWarranty.on("fee_consented", at("2026-11-24T09:00"));
        assertThat(outOfWarranty.clock("on-site").deadline()).isEqualTo(at("2026-11-26T09:00"));
    }

    @Test
    void repairDoneIn24HoursOrLongerWithTheCustomersAgreement() {
        RecordClocks clocks = clocks(record("repair"));
        clocks.on("record_created", MONDAY_10);
        assertThat(clocks.clock("repair-done").deadline()).isEqualTo(at("2026-11-24T10:00"));

        clocks.clock("repair-done").extend("parts", at("2026-11-23T15:00"));
        assertThat(clocks.clock("repair-done").deadline()).isEqualTo(at("2026-12-02T10:00")); // 7 working days

        RecordClocks factory = clocks(record("repair"));
        factory.on("record_created", MONDAY_10);
        factory.clock("repair-done").extend("factory", at("2026-11-23T15:00"));
        assertThat(factory.clock("repair-done").deadline()).isEqualTo(at("2026-12-14T10:00")); // 15 working days
    }

    @Test
    void waitingForTheFeeConsentDoesNotCountOutOfWarranty() {
        RecordClocks clocks = clocks(new RecordFacts("repair", "normal", Optional.empty(), Optional.empty(), "out_of_warranty"));
        clocks.on("record_created", MONDAY_10);
        clocks.on("fee_quoted", at("2026-11-23T12:00"));          // 2 hours used
        assertThat(clocks.clock("repair-done").state()).isEqualTo(SlaClock.State.PAUSED);
        clocks.on("fee_consented", at("2026-11-25T12:00"));       // two days waiting for the customer
        assertThat(clocks.clock("repair-done").deadline()).isEqualTo(at("2026-11-26T10:00")); // 22 hours left
    }

    @Test
    void satisfactionCallbackTheNextWorkingDayAndManagersConfirmationInFive() {
        RecordClocks clocks = clocks(record("repair"));
        clocks.on("record_created", at("2026-11-26T09:00"));
        clocks.on("job_completed", at("2026-11-27T15:00")); // Friday afternoon
        assertThat(clocks.clock("satisfaction-callback").deadline()).isEqualTo(at("2026-11-30T15:00")); // Monday
        assertThat(clocks.clock("manager-confirmation").deadline()).isEqualTo(at("2026-12-04T15:00"));
    }

    @Test
    void atRiskAfterEightyPercentAndMissedWhenLate() {
        RecordClocks clocks = clocks(record("repair"));
        clocks.on("record_created", MONDAY_10);
        assertThat(clocks.clock("first-contact").atRiskAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(16)));

        var changes = clocks.on("customer_contacted", MONDAY_10.plus(Duration.ofMinutes(25)));
        assertThat(changes).extracting(RecordClocks.Change::milestoneCode, RecordClocks.Change::kind)
                .contains(org.assertj.core.groups.Tuple.tuple("first-contact", RecordClocks.Change.Kind.MISSED));
    }

    private static Instant onSite(String zone, Instant notified) {
        RecordClocks clocks = clocks(new RecordFacts("repair", "normal", Optional.of(zone), Optional.of(12), "in_warranty"));
        clocks.on("record_created", notified.minus(Duration.ofHours(1)));
        clocks.on("customer_notified", notified);
        return clocks.clock("on-site").deadline();
    }

    private static RecordFacts record(String type) {
        return new RecordFacts(type, "normal", Optional.empty(), Optional.empty(), "in_warranty");
    }

    private static RecordFacts distant(int km, String warranty) {
        return new RecordFacts("repair", "normal", Optional.empty(), Optional.of(km), warranty);
    }

    private static RecordClocks clocks(RecordFacts facts) {
        return new RecordClocks(POLICIES.milestonesFor(facts), java.util.Map.of());
    }

    private static Instant deadline(RecordFacts facts, String milestone, Instant created) {
        RecordClocks clocks = clocks(facts);
        clocks.on("record_created", created);
        return clocks.clock(milestone).deadline();
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }
}
