package org.hotline.server;

import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.load.FlowDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample Asterisk configuration in deploy/asterisk agrees with the shipped flows and what the bridge reads. */
class AsteriskSampleConfigTest {

    private static final Map<String, Flow> FLOWS = FlowDirectory.load(Path.of("../config/flows"), Set.of("office", "around-the-clock"));

    @Test
    void everyFlowTheDialplanAsksForIsShipped() throws IOException {
        String dialplan = Files.readString(Path.of("../deploy/asterisk/extensions.conf"));
        Matcher agi = Pattern.compile("AGI\\(\\$\\{HOTLINE_AGI}/([a-z-]+)").matcher(dialplan);
        List<String> asked = agi.results().map(m -> m.group(1)).distinct().toList();
        assertThat(asked).containsExactlyInAnyOrder("hotline", "virtual-hold", "survey");
        assertThat(FLOWS.keySet()).containsAll(asked);
    }

    @Test
    void theQueuesTheFlowsUseAreConfiguredWithTheExitContextTheDialplanHas() throws IOException {
        String queues = Files.readString(Path.of("../deploy/asterisk/queues.conf"));
        String dialplan = Files.readString(Path.of("../deploy/asterisk/extensions.conf"));
        Flow main = FLOWS.get("hotline");
        for (String queue : List.of(main.settings().get("service-queue"), main.settings().get("complaint-queue"))) {
            assertThat(queues).as("queues.conf has [%s]", queue).containsPattern("(?m)^\\[" + queue + "]");
        }
        Matcher exit = Pattern.compile("(?m)^context = (\\S+)").matcher(queues);
        assertThat(exit.find()).isTrue();
        assertThat(dialplan).contains("[" + exit.group(1) + "]");
        assertThat(dialplan).as("the callback calls' context").contains("[callback-out]");
    }

    @Test
    void aCallerSentBackToTheQueueKeepsTheirPlace() throws IOException {
        String dialplan = Files.readString(Path.of("../deploy/asterisk/extensions.conf"));
        // Queue(queuename,options,URL,announceoverride,timeout,AGI,gosub,rule,position) in Asterisk 22
        Matcher queue = Pattern.compile("(?m)^exten => s,1,Queue\\(([^)]*)\\)").matcher(dialplan);
        assertThat(queue.find()).as("[hotline-queue] runs Queue()").isTrue();
        List<String> arguments = List.of(queue.group(1).split(",", -1));
        assertThat(arguments).hasSize(9);
        String place = arguments.get(8).replaceAll("^\\$\\{(.*)}$", "$1");
        String exits = dialplan.substring(dialplan.indexOf("[hotline-queue-exit]"));
        exits = exits.substring(0, exits.indexOf("\n[", 1));
        for (String key : List.of("exten => 1,", "exten => _[02-9*#],")) {
            String extension = exits.substring(exits.indexOf(key)).split("\nexten|\n;")[0];
            assertThat(extension).as("exit key %s goes back with the place it had", key)
                    .contains("Set(" + place + "=${QUEUEPOSITION})").contains("Goto(hotline-queue,s,1)");
        }
    }

    @Test
    void amiEventsCarryEveryVariableTheFlowsHandToTheQueue() throws IOException {
        String manager = Files.readString(Path.of("../deploy/asterisk/manager.conf"));
        Matcher vars = Pattern.compile("(?m)^channelvars = (.+)$").matcher(manager);
        assertThat(vars.find()).isTrue();
        assertThat(List.of(vars.group(1).split(","))).contains("HOTLINE_RECORD_ID", "HOTLINE_IVR_SESSION_ID", "HOTLINE_CUSTOMER_ID",
                "HOTLINE_INTENT", "HOTLINE_KEY_CUSTOMER", "HOTLINE_CALLBACK_ID")
                .as("pbx-sim sends what this Asterisk would").containsExactlyElementsOf(org.hotline.pbxsim.scenario.ScriptedCalls.CHANNEL_VARIABLES);
    }

    /**
     * The write classes Asterisk 22 asks of each action Hotline sends (its manager and app_queue
     * register them so: QueueAdd/QueueRemove/QueuePause EVENT_FLAG_AGENT, Originate
     * EVENT_FLAG_ORIGINATE, CoreShowChannels EVENT_FLAG_SYSTEM | EVENT_FLAG_REPORTING, QueueStatus,
     * QueueSummary and Ping none); an action passes when the user has any one of its classes.
     */
    private static final java.util.Map<String, List<String>> PRIVILEGE = java.util.Map.of(
            "QueueAdd", List.of("agent"), "QueueRemove", List.of("agent"), "QueuePause", List.of("agent"),
            "Originate", List.of("originate"), "CoreShowChannels", List.of("system", "reporting"),
            "QueueStatus", List.of(), "QueueSummary", List.of(), "Ping", List.of(), "Login", List.of());

    @Test
    void theSampleAmiUserMayDoWhatHotlineSendsAndNoMore() throws IOException {
        String manager = Files.readString(Path.of("../deploy/asterisk/manager.conf"));
        Matcher write = Pattern.compile("(?m)^write = (.+)$").matcher(manager);
        assertThat(write.find()).isTrue();
        List<String> classes = List.of(write.group(1).split(","));
        assertThat(classes).as("classes that run shell or CLI commands on the PBX").doesNotContain("system", "command", "config", "all");
        java.util.Set<String> sent = new java.util.TreeSet<>();
        for (String module : List.of("../cti-bridge/src/main/java", "../hotline-server/src/main/java", "../agent-api/src/main/java")) {
            try (var files = Files.walk(Path.of(module))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher action = Pattern.compile("AmiMessage\\.action\\(\"([A-Za-z]+)\"").matcher(Files.readString(file));
                    while (action.find()) {
                        sent.add(action.group(1));
                    }
                }
            }
        }
        assertThat(sent).as("every action Hotline sends has its privilege known here").isSubsetOf(PRIVILEGE.keySet()).isNotEmpty();
        for (String action : sent) {
            List<String> needs = PRIVILEGE.get(action);
            assertThat(needs.isEmpty() || needs.stream().anyMatch(classes::contains)).as("%s needs one of %s", action, needs).isTrue();
        }
        for (String granted : classes) {
            assertThat(sent.stream().anyMatch(a -> PRIVILEGE.get(a).contains(granted))).as("%s is used by some action", granted).isTrue();
        }
    }

    @Test
    void theSampleQueuesUseNoOptionAsterisk22DoesNotKnow() throws IOException {
        String queues = Files.readString(Path.of("../deploy/asterisk/queues.conf"));
        // not options of Asterisk 22's app_queue: a real 22.10.1 logs a WARNING for each at every load and reload
        for (String gone : List.of("eventwhencalled", "eventmemberstatus")) {
            assertThat(queues).as(gone).doesNotContainPattern("(?m)^\\s*" + gone + "\\s*=");
        }
    }

    @Test
    void theApiAndTheBridgeMeanTheSameHotlinePauses() {
        assertThat(org.hotline.api.desk.QueueMembers.WRAP_UP_REASON).isEqualTo(org.hotline.bridge.agents.AgentTracker.WRAP_UP_REASON);
        assertThat(org.hotline.api.desk.QueueMembers.CALLBACK_REASON).isEqualTo(org.hotline.bridge.agents.AgentTracker.CALLBACK_REASON);
    }
}
