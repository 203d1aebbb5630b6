package org.hotline.server;

import org.hotline.desk.sla.SlaPolicies;
import org.hotline.ivr.load.FlowLibrary;
import org.hotline.ivr.load.InvalidFlowException;
import org.hotline.server.config.ConfigException;
import org.hotline.server.config.HotlineConfig;

/** The IVR flows the configuration names (ivr.flows, or the shipped ones), read and validated before the server starts. */
final class IvrFlows {

    private IvrFlows() {
    }

    static FlowLibrary read(HotlineConfig config, SlaPolicies policies) {
        try {
            return config.ivr().flows()
                    .map(dir -> FlowLibrary.of(dir, policies.calendarNames()))
                    .orElseGet(() -> FlowLibrary.shipped(policies.calendarNames()));
        } catch (InvalidFlowException e) {
            throw new ConfigException("ivr.flows: the flows are not valid:\n  " + String.join("\n  ", e.problems()), e);
        }
    }
}
