package org.hotline.desk.settings;

import org.hotline.desk.yaml.YamlMap;
import org.hotline.desk.yaml.YamlNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code service-desk.yaml}; every problem names the file, the line and the key. */
public final class DeskSettingsReader {

    private static final Set<String> LEVELS = Set.of("supervisor", "manager", "leadership");
    private static final Set<String> COMPLAINT_TYPES = Set.of("quality", "transport_damage", "staff_attitude",
            "contract_dispute", "delay", "other");

    private DeskSettingsReader() {
    }

    public static DeskSettings read(Path file) {
        return read(YamlNode.load(file));
    }

    private static final String[] TOP_KEYS = {"time-zone", "phone-numbers", "agents", "complaint-routing", "escalation", "callbacks",
        "call-dispositions"};

    private static final String[] CALLBACK_KEYS = {"max-attempts", "retry-after", "owner-keeps-for", "offer-lease", "open-hours",
        "first-contact-due-in", "return-visit", "after-abandon", "on-time", "escalate-overdue-after", "follow-up-every", "survey-every",
        "caller-reached-within"};

    /** Reads the rules and checks that the calendars they name are among {@code calendars} (those of the SLA policies). */
    public static DeskSettings read(YamlNode root, java.util.Set<String> calendars) {
        DeskSettings settings = read(root);
        YamlMap callbacks = root.mapping(TOP_KEYS)
                .required("callbacks").mapping(CALLBACK_KEYS);
        List<YamlNode> named = new java.util.ArrayList<>(callbacks.optional("open-hours").stream().toList());
        named.add(callbacks.required("return-visit").mapping("working-days-after", "at", "calendar").required("calendar"));
        for (YamlNode calendar : named) {
            if (!calendars.contains(calendar.text())) {
                throw calendar.error("no calendar '" + calendar.text() + "' in the SLA policies (defined: "
                        + String.join(", ", new java.util.TreeSet<>(calendars)) + ")");
            }
        }
        return settings;
    }

    public static DeskSettings read(YamlNode root) {
        YamlMap top = root.mapping(TOP_KEYS);
        YamlMap agents = top.required("agents").mapping("wrap-up", "pause-reasons");
        Duration wrapUp = duration(agents.required("wrap-up"));
        PauseReasons pauseReasons = agents.optional("pause-reasons").map(PauseReasons::read).orElseGet(PauseReasons::shipped);
        YamlMap phones = top.required("phone-numbers").mapping("country-code", "trunk-prefix", "dialling");
        String countryCode = phones.required("country-code").text();
        if (!countryCode.matches("[1-9][0-9]{0,2}")) {
            throw phones.required("country-code").error("'" + countryCode + "' is not a country calling code like 86");
        }
        org.hotline.desk.customers.DiallingPolicy dialling = phones.optional("dialling").map(d -> DiallingRules.read(countryCode, d))
                .orElseGet(() -> org.hotline.desk.customers.DiallingPolicy.national(countryCode));
        Map<String, String> routing = new LinkedHashMap<>();
        top.required("complaint-routing").entries().forEach((type, department) -> {
            if (!COMPLAINT_TYPES.contains(type)) {
                throw department.error("not a complaint type (" + String.join(", ", COMPLAINT_TYPES) + ")");
            }
            routing.put(type, department.text());
        });
        YamlMap escalation = top.required("escalation").mapping("unhappy-rounds", "unhappy-level", "crisis-level", "climb-after");
        Map<String, Duration> climbAfter = new java.util.LinkedHashMap<>();
        escalation.optional("climb-after").ifPresent(c -> c.entries().forEach((level, after) -> {
            if (!List.of("supervisor", "manager").contains(level)) {
                throw after.error("only supervisor and manager escalations climb (to manager, to leadership), not '" + level + "'");
            }
            climbAfter.put(level, duration(after));
        }));
        YamlMap callbacks = top.required("callbacks").mapping(CALLBACK_KEYS);
        YamlMap retry = callbacks.required("retry-after").mapping("no-answer", "busy", "failed");
        YamlMap visit = callbacks.required("return-visit").mapping("working-days-after", "at", "calendar");
        int rounds = escalation.required("unhappy-rounds").integer();
        if (rounds < 1) {
            throw escalation.required("unhappy-rounds").error("must be at least 1");
        }
        int attempts = callbacks.required("max-attempts").integer();
        if (attempts < 1) {
            throw callbacks.required("max-attempts").error("must be at least 1");
        }
        return new DeskSettings(top.required("time-zone").as(java.time.ZoneId::of, "a time zone like Asia/Shanghai"),
                new org.hotline.desk.customers.PhoneNumbers(countryCode, phones.required("trunk-prefix").text()), dialling, wrapUp, pauseReasons,
                routing, rounds, level(escalation.required("unhappy-level")),
                top.optional("call-dispositions").map(CallDispositions::read).orElseGet(CallDispositions::shipped),
                level(escalation.required("crisis-level")), climbAfter,
                new DeskSettings.CallbackRules(attempts, duration(retry.required("no-answer")), duration(retry.required("busy")),
                        duration(retry.required("failed")), duration(callbacks.required("owner-keeps-for")),
                        duration(callbacks.required("offer-lease")), duration(callbacks.required("first-contact-due-in")),
                        visit.required("working-days-after").integer(),
                        visit.required("at").as(LocalTime::parse, "a time of day like 10:00"),
                        visit.required("calendar").text(), callbacks.optional("open-hours").map(YamlNode::text),
                        callbacks.optional("after-abandon").map(DeskSettingsReader::duration),
                        duration(callbacks.required("on-time")),
                        callbacks.optional("escalate-overdue-after").map(DeskSettingsReader::duration),
                        callbacks.optional("follow-up-every").map(DeskSettingsReader::duration),
                        callbacks.optional("survey-every").map(DeskSettingsReader::duration),
                        callbacks.optional("caller-reached-within").map(DeskSettingsReader::duration)));
    }

    private static String level(YamlNode node) {
        if (!LEVELS.contains(node.text())) {
            throw node.error("'" + node.text() + "' is not one of supervisor, manager, leadership");
        }
        return node.text();
    }

    static Duration duration(YamlNode node) {
        return node.duration();
    }
}
