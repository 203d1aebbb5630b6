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
    void amiEventsCarryEveryVariableTheFlowsHandToTheQueue() throws IOException {
        String manager = Files.readString(Path.of("../deploy/asterisk/manager.conf"));
        Matcher vars = Pattern.compile("(?m)^channelvars = (.+)$").matcher(manager);
        assertThat(vars.find()).isTrue();
        assertThat(List.of(vars.group(1).split(","))).contains("HOTLINE_RECORD_ID", "HOTLINE_IVR_SESSION_ID", "HOTLINE_CUSTOMER_ID",
                "HOTLINE_INTENT", "HOTLINE_KEY_CUSTOMER", "HOTLINE_CALLBACK_ID")
                .as("pbx-sim sends what this Asterisk would").containsExactlyElementsOf(org.hotline.pbxsim.scenario.ScriptedCalls.CHANNEL_VARIABLES);
    }

    @Test
    void theApiAndTheBridgeMeanTheSamePauseByWrapUp() {
        assertThat(org.hotline.api.desk.QueueMembers.WRAP_UP_REASON).isEqualTo(org.hotline.bridge.agents.AgentTracker.WRAP_UP_REASON);
    }
}
