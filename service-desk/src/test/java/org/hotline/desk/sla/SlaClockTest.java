package org.hotline.desk.sla;

import org.hotline.desk.calendar.BusinessCalendar;
import org.hotline.desk.calendar.OpeningInterval;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaClockTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final BusinessCalendar OFFICE = BusinessCalendar.of("office", ZONE,
            Arrays.stream(DayOfWeek.values()).limit(5).collect(Collectors.toMap(Function.identity(),
                    d -> List.of(OpeningInterval.parse("09:00-12:00"), OpeningInterval.parse("13:00-18:00")))), List.of());

    private static final Milestone WORKING_4H = new Milestone("forward", "", Allowance.parse(ClockKind.WORKING, "4h"),
            "created", "forwarded", Set.of("waiting"), Set.of("back"), 0.75, Optional.empty(),
            Map.of("long", Allowance.parse(ClockKind.WORKING_DAYS, "2d")));

    @Test
    void pausingStopsTheCountdownAndResumingContinuesIt() {
        SlaClock clock = SlaClock.start(WORKING_4H, OFFICE, at("2026-11-23T09:00"));
        assertThat(clock.deadline()).isEqualTo(at("2026-11-23T14:00"));
        assertThat(clock.atRiskAt()).isEqualTo(at("2026-11-23T12:00")); // 3 of 4 hours: break skipped

        clock.pause(at("2026-11-23T10:00"));
        clock.resume(at("2026-11-24T09:00"));
        assertThat(clock.deadline()).isEqualTo(at("2026-11-24T12:00")); // the 3 hours left
        assertThat(clock.stop(at("2026-11-24T11:59"))).isEqualTo(SlaClock.State.MET);
    }

    @Test
    void stoppingLateIsMissedAndAStoppedClockCannotStopAgain() {
        SlaClock clock = SlaClock.start(WORKING_4H, OFFICE, at("2026-11-23T09:00"));
        assertThat(clock.stop(at("2026-11-23T14:00:01"))).isEqualTo(SlaClock.State.MISSED);
        assertThatThrownBy(() -> clock.stop(at("2026-11-23T15:00"))).hasMessage("forward is already MISSED");
    }

    @Test
    void anExtensionCountsFromTheStartLessThePauses() {
        SlaClock clock = SlaClock.start(WORKING_4H, OFFICE, at("2026-11-23T09:00"));
        clock.pause(at("2026-11-23T10:00"));
        clock.resume(at("2026-11-23T15:00")); // four working hours paused
        clock.extend("long", at("2026-11-23T16:00"));
        // 2 working days from Monday 09:00 is Wednesday 09:00 (16 working hours); 2 used; 14 left from Monday 16:00
        assertThat(clock.deadline()).isEqualTo(at("2026-11-25T14:00"));
    }

    @Test
    void aStoredClockComesBackTheSame() {
        SlaClock clock = SlaClock.start(WORKING_4H, OFFICE, at("2026-11-23T09:00"));
        clock.pause(at("2026-11-23T10:00"));
        clock.resume(at("2026-11-23T13:30"));
        SlaClock restored = SlaClock.restore(WORKING_4H, OFFICE, clock.snapshot());
        assertThat(restored.snapshot()).isEqualTo(clock.snapshot());
        assertThat(restored.deadline()).isEqualTo(at("2026-11-23T16:30"));
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }
}
