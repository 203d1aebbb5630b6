package org.hotline.server;

import org.hotline.desk.ShippedRules;
import org.hotline.desk.settings.DeskSettings;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.desk.yaml.YamlFileException;
import org.hotline.server.config.ConfigException;
import org.hotline.server.config.HotlineConfig;

/** The SLA policies and service-desk rules the configuration names, read and checked. */
record ServiceDeskRules(SlaPolicies policies, DeskSettings settings) {

    static ServiceDeskRules read(HotlineConfig config) {
        try {
            SlaPolicies policies = ShippedRules.slaPolicies(config.serviceDesk().slaPolicies());
            return new ServiceDeskRules(policies, ShippedRules.deskSettings(config.serviceDesk().rules(), policies.calendarNames()));
        } catch (YamlFileException | IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
