package org.hotline.desk;

import org.hotline.desk.settings.DeskSettings;
import org.hotline.desk.settings.DeskSettingsReader;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.desk.sla.SlaPoliciesReader;
import org.hotline.desk.yaml.YamlFileException;
import org.hotline.desk.yaml.YamlNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The service-desk rules to run with: the files configured, else the copies of
 * {@code config/sla-policies.yaml} and {@code config/service-desk.yaml} shipped in this jar.
 */
public final class ShippedRules {

    private ShippedRules() {
    }

    /** What the records' workflows can raise: a milestone no step can meet is refused at start. */
    static final org.hotline.desk.sla.RecordEvents WORKFLOW_EVENTS = new org.hotline.desk.sla.RecordEvents() {
        @Override
        public java.util.Set<String> types() {
            return java.util.Arrays.stream(org.hotline.desk.records.RecordType.values())
                    .map(org.hotline.desk.records.RecordType::dbName).collect(java.util.stream.Collectors.toSet());
        }

        @Override
        public java.util.Set<String> raisable(String type) {
            return org.hotline.desk.records.Workflow.raisableEvents(org.hotline.desk.records.RecordType.fromDb(type));
        }
    };

    public static SlaPolicies slaPolicies(Optional<Path> file) {
        return SlaPoliciesReader.read(file.map(YamlNode::load).orElseGet(() -> bundled("sla-policies.yaml")), WORKFLOW_EVENTS);
    }

    public static DeskSettings deskSettings(Optional<Path> file) {
        return DeskSettingsReader.read(file.map(YamlNode::load).orElseGet(() -> bundled("service-desk.yaml")));
    }

    /** The rules, their calendars checked against the SLA policies' {@code calendars}. */
    public static DeskSettings deskSettings(Optional<Path> file, java.util.Set<String> calendars) {
        return DeskSettingsReader.read(file.map(YamlNode::load).orElseGet(() -> bundled("service-desk.yaml")), calendars);
    }

    private static YamlNode bundled(String name) {
        try (InputStream in = ShippedRules.class.getResourceAsStream("defaults/" + name)) {
            if (in == null) {
                throw new YamlFileException("the shipped " + name + " is missing from the service-desk jar");
            }
            return YamlNode.parse("(shipped) " + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new YamlFileException("cannot read the shipped " + name + ": " + e.getMessage(), e);
        }
    }
}
