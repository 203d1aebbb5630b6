package org.hotline.api.wallboard;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The incremental counts agree with counting every pending callback, whatever the order of changes and time. */
class DueTimesTest {

    @Test
    void overdueAndDueSoonAgreeWithACountOfEveryCallback() {
        Random random = new Random(42);
        DueTimes due = new DueTimes(Duration.ofMinutes(15));
        Map<Long, Instant> plain = new HashMap<>();
        Instant now = Instant.parse("2026-11-23T02:00:00Z");
        for (int step = 0; step < 20_000; step++) {
            int what = random.nextInt(10);
            if (what < 4) {
                long id = random.nextInt(500);
                Instant at = now.plusSeconds(random.nextInt(7200) - 3600);
                due.put(id, at);
                plain.put(id, at);
            } else if (what < 6) {
                long id = random.nextInt(500);
                assertThat(due.remove(id)).isEqualTo(plain.remove(id));
            } else if (what < 9) {
                now = now.plusSeconds(random.nextInt(120)); // time goes on, mostly in small steps
            } else {
                now = now.plusSeconds(random.nextInt(3600) - 1800); // a long jump, or back (events out of order)
            }
            Instant at = now;
            assertThat(due.overdue(at)).as("step %d", step).isEqualTo(plain.values().stream().filter(d -> d.isBefore(at)).count());
            assertThat(due.dueSoon(at)).as("step %d", step).isEqualTo(plain.values().stream()
                    .filter(d -> !d.isBefore(at) && d.isBefore(at.plus(Duration.ofMinutes(15)))).count());
            assertThat(due.size()).isEqualTo(plain.size());
        }
    }
}
