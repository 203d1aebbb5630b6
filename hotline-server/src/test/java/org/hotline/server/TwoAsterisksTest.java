package org.hotline.server;

import org.hotline.bridge.AmiBridge;
import org.hotline.pbxsim.PbxSim;
import org.hotline.pbxsim.agi.AgiCallScript;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two Asterisk hosts (pbx-sims on 127.0.0.1 and 127.0.0.2) whose calls reach one node over AMI and FastAGI. */
class TwoAsterisksTest {

    @TempDir
    Path dir;

    @Test
    void eachIvrSessionIsNamedByTheAsteriskItCameFromAndLinkedToThatAsterisksCall() throws Exception {
        try (PbxSim a = new PbxSim("127.0.0.1", 0, Map.of("hotline", "pbx-secret"));
             PbxSim b = new PbxSim("127.0.0.2", 0, Map.of("hotline", "pbx-secret"));
             ScriptedCalls onA = new ScriptedCalls(a);
             ScriptedCalls onB = new ScriptedCalls(b)) {
            Path file = Files.writeString(dir.resolve("two.yaml"), """
                    ami:
                      servers:
                        - {name: pbx-a, host: 127.0.0.1, port: %d, user: hotline, secret: pbx-secret}
                        - {name: pbx-b, host: 127.0.0.2, port: %d, user: hotline, secret: pbx-secret}
                    """.formatted(a.port(), b.port()));
            try (HotlineServer server = HotlineServer.start(TestServers.config(dir.resolve("data"), file))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> synced(server, "pbx-a") && synced(server, "pbx-b"));

                // the same caller on each Asterisk at once, hanging up in the IVR's menu (their channels' numbers may well be alike)
                AgiCallScript ivr = AgiCallScript.call("hotline", "unused", "13800138000").hangingUpDuring(3);
                CallScript call = new CallScript("13800138000", "Caller", "service", Duration.ofSeconds(5), Duration.ofSeconds(5), List.of());
                var startedOnA = onA.startThroughIvr("127.0.0.1", server.agiPort(), ivr, call);
                var startedOnB = onB.startThroughIvr("127.0.0.1", server.agiPort(), ivr, call);
                Map<String, ScriptedCalls.IvrPassage> passages = Map.of("pbx-a", startedOnA.get(), "pbx-b", startedOnB.get());

                var db = org.jooq.impl.DSL.using(server.dataSource(), org.jooq.SQLDialect.POSTGRES);
                for (var passage : passages.entrySet()) {
                    String asterisk = passage.getKey();
                    String uniqueid = passage.getValue().uniqueid();
                    await("the session on " + asterisk).atMost(Duration.ofSeconds(10)).until(() -> db.fetchCount(db.selectFrom("ivr_session")
                            .where("asterisk_server = ? AND uniqueid = ? AND ended_at IS NOT NULL", asterisk, uniqueid)) == 1);
                    await("the call on " + asterisk + ", naming that session's channel").atMost(Duration.ofSeconds(10))
                            .until(() -> db.fetchCount(db.selectFrom("call").where("asterisk_server = ? AND linkedid = ? "
                                    + "AND ivr_channel = ? AND ended_at IS NOT NULL", asterisk, passage.getValue().linkedid(), uniqueid)) == 1);
                }
                assertThat(db.fetchCount(db.selectFrom("ivr_session"))).as("no session named by the wrong Asterisk").isEqualTo(2);
            }
        }
    }

    private static boolean synced(HotlineServer server, String asterisk) {
        return server.following().orElseThrow().follower(asterisk).orElseThrow().bridge()
                .map(bridge -> bridge.state() == AmiBridge.State.SYNCED).orElse(false);
    }
}
