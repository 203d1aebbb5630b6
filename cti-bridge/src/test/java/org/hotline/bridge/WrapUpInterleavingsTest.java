package org.hotline.bridge;

import org.hotline.events.AgentState;
import org.hotline.events.AgentStateChanged;
import org.hotline.bridge.agents.AgentTracker;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.desk.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wrap-up hold of an agent in several queues, under every order Asterisk may send its events
 * in (seen on a real Asterisk 22 at 2-3 calls/s): after AgentComplete the bridge pauses the member
 * (one QueuePause for all queues), and Asterisk answers with a QueueMemberPause per queue, while
 * QueueMemberStatus events of a queue sent before its pause (Paused=0, stale) may arrive in between.
 * For every interleaving: the agent is in wrap-up until its time is up, is released exactly once,
 * and is ready again after the unpause. A failure names its seed.
 */
class WrapUpInterleavingsTest {

    private static final String AGENT = "PJSIP/1001";
    private static final Duration WRAP_UP = Duration.ofSeconds(30);

    @Test
    void aStaleStatusOfOneQueueNeverDropsTheHoldOfAnother() {
        for (long seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
            List<AgentStateChanged> changes = new ArrayList<>();
            AgentTracker tracker = new AgentTracker("pbx-a", clock, WRAP_UP, changes::add);
            List<String> queues = List.of("service", "complaint", "sales").subList(0, 1 + random.nextInt(3));
            for (String queue : queues) {
                tracker.on(member("QueueMemberAdded", queue, false, ""));
            }
            tracker.on(call("AgentCalled"));
            tracker.on(call("AgentConnect"));
            tracker.on(call("AgentComplete"));
            assertThat(tracker.stateOf(AGENT)).as("seed %d", seed).isEqualTo(AgentState.WRAP_UP);
            tracker.holding(AGENT); // the bridge asks Asterisk to pause the member in every queue

            // per queue: perhaps a stale status first, then its pause; the queues' streams interleave at random
            List<List<AmiMessage>> streams = new ArrayList<>();
            for (String queue : queues) {
                List<AmiMessage> stream = new ArrayList<>();
                for (int stale = random.nextInt(3); stale > 0; stale--) {
                    stream.add(member("QueueMemberStatus", queue, false, ""));
                }
                stream.add(member("QueueMemberPause", queue, true, AgentTracker.WRAP_UP_REASON));
                streams.add(stream);
            }
            while (streams.stream().anyMatch(s -> !s.isEmpty())) {
                List<AmiMessage> next = streams.get(random.nextInt(streams.size()));
                if (!next.isEmpty()) {
                    tracker.on(next.removeFirst());
                    if (random.nextInt(4) == 0) {
                        clock.advance(Duration.ofMillis(random.nextInt(500)));
                        assertThat(tracker.tick()).as("seed %d: released before its time", seed).isEmpty();
                    }
                }
            }
            assertThat(tracker.stateOf(AGENT)).as("seed %d: paused for wrap-up in every queue", seed).isEqualTo(AgentState.WRAP_UP);

            clock.advance(WRAP_UP);
            assertThat(tracker.tick()).as("seed %d: released once its time is up", seed).containsExactly(AGENT);
            assertThat(tracker.tick()).as("seed %d: and only once", seed).isEmpty();
            for (String queue : queues) { // the bridge's unpause, answered per queue
                tracker.on(member("QueueMemberPause", queue, false, ""));
            }
            assertThat(tracker.stateOf(AGENT)).as("seed %d", seed).isEqualTo(AgentState.READY);
            assertThat(tracker.tick()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void anAgentWhoPausesForLunchDuringWrapUpIsNotReleasedByTheBridge() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
        AgentTracker tracker = new AgentTracker("pbx-a", clock, WRAP_UP, c -> { });
        for (String queue : List.of("service", "complaint")) {
            tracker.on(member("QueueMemberAdded", queue, false, ""));
        }
        tracker.on(call("AgentComplete"));
        tracker.holding(AGENT);
        tracker.on(member("QueueMemberPause", "service", true, AgentTracker.WRAP_UP_REASON));
        tracker.on(member("QueueMemberPause", "complaint", true, AgentTracker.WRAP_UP_REASON));
        tracker.on(member("QueueMemberPause", "service", true, "lunch"));
        tracker.on(member("QueueMemberPause", "complaint", true, "lunch"));
        clock.advance(WRAP_UP.plusSeconds(1));
        assertThat(tracker.tick()).as("paused for lunch: not ours to unpause").isEmpty();
        assertThat(tracker.stateOf(AGENT)).isEqualTo(AgentState.PAUSED);
    }

    private static AmiMessage member(String event, String queue, boolean paused, String reason) {
        return AmiMessage.event(event).add("Queue", queue).add("Interface", AGENT).add("MemberName", "Agent 1001")
                .add("Paused", paused ? "1" : "0").add("PausedReason", reason).build();
    }

    private static AmiMessage call(String event) {
        return AmiMessage.event(event).add("Queue", "service").add("Interface", AGENT).add("MemberName", "Agent 1001").build();
    }
}
