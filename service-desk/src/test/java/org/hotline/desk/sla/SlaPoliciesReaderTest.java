package org.hotline.desk.sla;

import org.hotline.desk.yaml.YamlFileException;
import org.hotline.desk.yaml.YamlNode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaPoliciesReaderTest {

    private static final String CALENDARS = """
            calendars:
              office:
                time-zone: Asia/Shanghai
                week: {monday: [09:00-18:00]}
            """;

    @Test
    void theMostSpecificPolicyGivesAMilestone() {
        SlaPolicies policies = read(CALENDARS + """
                policies:
                  - code: all
                    calendar: office
                    milestones:
                      - {code: first-contact, within: 30m, clock: calendar, starts: record_created, stops: customer_contacted}
                      - {code: reply, within: 24h, clock: calendar, starts: record_created, stops: customer_replied}
                  - code: repair
                    when: {type: repair}
                    calendar: office
                    milestones:
                      - {code: first-contact, within: 20m, clock: calendar, starts: record_created, stops: customer_contacted}
                """);

        var repair = policies.milestonesFor(new RecordFacts("repair", "normal", Optional.empty(), Optional.empty(), "unknown"));
        assertThat(repair.get("first-contact").milestone().allowance()).isEqualTo(Allowance.parse(ClockKind.CALENDAR, "20m"));
        assertThat(repair.get("reply").policy().code()).isEqualTo("all");
        var other = policies.milestonesFor(new RecordFacts("consultation", "normal", Optional.empty(), Optional.empty(), "unknown"));
        assertThat(other.get("first-contact").milestone().allowance()).isEqualTo(Allowance.parse(ClockKind.CALENDAR, "30m"));
    }

    @Test
    void mistakesAreReportedWithFileLineAndKey() {
        assertThatThrownBy(() -> read(CALENDARS + """
                policies:
                  - code: p
                    calendar: office
                    milestones:
                      - code: m
                        within: 4 hours
                        clock: working
                        starts: a
                        stops: b
                """)).isInstanceOf(YamlFileException.class)
                .hasMessage("sla.yaml:10: policies[0].milestones[0].within: '4 hours' is not a deadline on the working clock: "
                        + "'4 hours' is not a duration like 30m, 4h or 7d");

        assertThatThrownBy(() -> read(CALENDARS + """
                policies:
                  - code: p
                    calendar: shop
                    milestones: []
                """)).hasMessage("sla.yaml:7: policies[0].calendar: no calendar 'shop' (defined: office)");

        assertThatThrownBy(() -> read(CALENDARS + """
                policies:
                  - code: p
                    calendar: office
                    milestones:
                      - {code: m, within: 2d, clock: working, starts: a, stops: b}
                """)).hasMessageContaining("sla.yaml:9: policies[0].milestones[0].within: '2d' is not a deadline on the working clock: "
                + "working time is given in hours or minutes");

        assertThatThrownBy(() -> read(CALENDARS + """
                policies:
                  - code: p
                    calendar: office
                    milestones:
                      - {code: m, within: 2h, clock: working, starts: a, stops: b, stop: c}
                """)).hasMessageStartingWith("sla.yaml:9: policies[0].milestones[0].stop: unknown key");

        assertThatThrownBy(() -> read("""
                calendars:
                  office:
                    time-zone: Mars/Olympus
                    week: {monday: [09:00-18:00]}
                policies: []
                """)).hasMessageStartingWith("sla.yaml:3: calendars.office.time-zone: 'Mars/Olympus' is not a time zone");
    }

    private static SlaPolicies read(String yaml) {
        return SlaPoliciesReader.read(YamlNode.parse("sla.yaml", yaml), org.hotline.desk.sla.RecordEvents.UNCHECKED);
    }
}
