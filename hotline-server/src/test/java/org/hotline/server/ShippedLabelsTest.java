package org.hotline.server;

import io.vertx.core.json.JsonObject;
import org.hotline.desk.ShippedRules;
import org.hotline.ivr.load.FlowLibrary;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shipped rules name and the pages show by label has one in both bundles: every step of
 * the shipped IVR flows (a caller's IVR path on the agent's card) and every milestone of the
 * shipped SLA policies (a record's clocks).
 */
class ShippedLabelsTest {

    static JsonObject bundle(String language) throws Exception {
        try (InputStream in = org.hotline.api.AgentApi.class.getResourceAsStream("web/i18n/" + language + ".json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyStepOfTheShippedFlowsAndEveryShippedMilestoneHasALabelInBothLanguages() throws Exception {
        var policies = ShippedRules.slaPolicies(Optional.empty());
        Set<String> keys = new TreeSet<>();
        try (FlowLibrary flows = FlowLibrary.shipped(policies.calendarNames())) {
            flows.flows().values().forEach(flow -> flow.nodes().keySet().forEach(node -> keys.add("ivr." + node)));
        }
        assertThat(keys).as("steps of the shipped flows").hasSizeGreaterThan(40);
        policies.policies().forEach(p -> p.milestones().forEach(m -> keys.add("milestone." + m.code())));
        for (String language : List.of("zh-CN", "en")) {
            JsonObject b = bundle(language);
            assertThat(keys.stream().filter(key -> !b.containsKey(key)).toList()).as("labels missing in " + language).isEmpty();
        }
    }
}
