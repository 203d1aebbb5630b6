package org.hotline.desk.sla;

import org.hotline.desk.calendar.BusinessCalendar;
import org.hotline.desk.calendar.CalendarReader;
import org.hotline.desk.yaml.YamlFileException;
import org.hotline.desk.yaml.YamlMap;
import org.hotline.desk.yaml.YamlNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code sla-policies.yaml} (calendars, distance bands, policies); any problem is a
 * {@link YamlFileException} naming the file, the line and the key.
 */
public final class SlaPoliciesReader {

    private static final double DEFAULT_AT_RISK = 0.8;
    private static final String[] MILESTONE_KEYS = {"code", "name", "within", "clock", "starts", "stops", "pauses", "resumes",
        "at-risk", "escalate-on-breach", "extensions"};
    private static final Set<String> ESCALATION_LEVELS = Set.of("supervisor", "manager", "leadership");

    private SlaPoliciesReader() {
    }

    /** Reads a policy file on its own, without checking its milestones against the workflows (tools, benchmarks). */
    public static SlaPolicies read(Path file) {
        return read(YamlNode.load(file), RecordEvents.UNCHECKED);
    }

    /**
     * Reads the policies; with {@code events}, a milestone whose stop event no step of a record
     * type it applies to can raise is refused at its {@code stops} line.
     */
    public static SlaPolicies read(YamlNode root, RecordEvents events) {
        YamlMap top = root.mapping("calendars", "distance-bands", "policies");
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        top.required("calendars").entries().forEach((code, node) -> calendars.put(code, CalendarReader.read(code, node)));

        List<DistanceBand> bands = new ArrayList<>();
        top.optional("distance-bands").ifPresent(list -> list.list().forEach(item -> {
            YamlMap band = item.mapping("name", "up-to-km");
            bands.add(new DistanceBand(band.required("name").text(), band.optional("up-to-km").map(YamlNode::integer)));
        }));

        List<SlaPolicy> policies = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (YamlNode item : top.required("policies").list()) {
            SlaPolicy policy = policy(item, calendars, bands, events);
            if (!codes.add(policy.code())) {
                throw item.error("policy code '" + policy.code() + "' is used twice");
            }
            policies.add(policy);
        }
        return new SlaPolicies(policies, calendars, bands);
    }

    private static SlaPolicy policy(YamlNode node, Map<String, BusinessCalendar> calendars, List<DistanceBand> bands,
                                    RecordEvents events) {
        YamlMap map = node.mapping("code", "name", "when", "calendar", "rank", "milestones");
        YamlNode calendar = map.required("calendar");
        if (!calendars.containsKey(calendar.text())) {
            throw calendar.error("no calendar '" + calendar.text() + "' (defined: " + String.join(", ", calendars.keySet()) + ")");
        }
        PolicySelector selector = map.optional("when").map(when -> selector(when, bands, events)).orElse(PolicySelector.ANY);
        List<Milestone> milestones = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (YamlNode item : map.required("milestones").list()) {
            Milestone milestone = milestone(item);
            if (!codes.add(milestone.code())) {
                throw item.error("milestone '" + milestone.code() + "' appears twice in this policy");
            }
            if (events.checks()) {
                checkCanBeMet(milestone, selector, item.mapping(MILESTONE_KEYS).required("stops"), events);
            }
            milestones.add(milestone);
        }
        return new SlaPolicy(map.required("code").text(), map.optional("name").map(YamlNode::text).orElse(""), selector,
                calendar.text(), map.optional("rank").map(YamlNode::integer).orElse(0), milestones);
    }

    /**
     * Every record type the policy can apply to whose steps can start the milestone's clock must
     * have a step that raises its stop event: else the clock, once started, could never be met.
     */
    private static void checkCanBeMet(Milestone milestone, PolicySelector selector, YamlNode stops, RecordEvents events) {
        for (String type : selector.recordTypes().isEmpty() ? events.types() : selector.recordTypes()) {
            Set<String> raisable = events.raisable(type);
            if (raisable.contains(milestone.startEvent()) && !raisable.contains(milestone.stopEvent())) {
                throw stops.error("milestone '" + milestone.code() + "' would never be met for a " + type + ": no step of a " + type
                        + " raises '" + milestone.stopEvent() + "' (it raises: " + String.join(", ", raisable) + ")");
            }
        }
    }

    /** {@code type: repair} or {@code type: [repair, installation]}; each a record type, when the types are known. */
    private static Set<String> types(YamlNode node, RecordEvents events) {
        List<YamlNode> items = node.isList() ? node.list() : List.of(node);
        Set<String> types = new java.util.LinkedHashSet<>();
        for (YamlNode item : items) {
            if (events.checks() && !events.types().contains(item.text())) {
                throw item.error("no record type '" + item.text() + "' (types: " + String.join(", ",
                        new java.util.TreeSet<>(events.types())) + ")");
            }
            types.add(item.text());
        }
        return types;
    }

    private static PolicySelector selector(YamlNode node, List<DistanceBand> bands, RecordEvents events) {
        YamlMap when = node.mapping("type", "priority", "zone", "distance-band", "warranty");
        Optional<YamlNode> band = when.optional("distance-band");
        band.ifPresent(b -> {
            if (bands.stream().noneMatch(d -> d.name().equals(b.text()))) {
                throw b.error("no distance band '" + b.text() + "' in distance-bands");
            }
        });
        return new PolicySelector(when.optional("type").map(t -> types(t, events)).orElse(Set.of()), when.optional("priority").map(YamlNode::text),
                when.optional("zone").map(YamlNode::text), band.map(YamlNode::text),
                when.optional("warranty").map(YamlNode::text));
    }

    private static Milestone milestone(YamlNode node) {
        YamlMap map = node.mapping(MILESTONE_KEYS);
        Allowance allowance = allowance(map);
        Map<String, Allowance> extensions = new LinkedHashMap<>();
        map.optional("extensions").ifPresent(e -> e.entries().forEach((name, ext) ->
                extensions.put(name, allowance(ext.mapping("within", "clock")))));
        Optional<YamlNode> escalate = map.optional("escalate-on-breach");
        escalate.ifPresent(level -> {
            if (!ESCALATION_LEVELS.contains(level.text())) {
                throw level.error("'" + level.text() + "' is not one of supervisor, manager, leadership");
            }
        });
        double atRisk = map.optional("at-risk").map(YamlNode::decimal).orElse(DEFAULT_AT_RISK);
        if (!(atRisk > 0 && atRisk < 1)) {
            throw map.required("at-risk").error("must be a share between 0 and 1, like 0.8");
        }
        return new Milestone(map.required("code").text(), map.optional("name").map(YamlNode::text).orElse(""), allowance,
                map.required("starts").text(), map.required("stops").text(), events(map.optional("pauses")),
                events(map.optional("resumes")), atRisk, escalate.map(YamlNode::text), extensions);
    }

    private static Allowance allowance(YamlMap map) {
        ClockKind clock = map.required("clock").choice(ClockKind.class);
        YamlNode within = map.required("within");
        return within.as(text -> Allowance.parse(clock, text), "a deadline on the " + clock.configName() + " clock");
    }

    private static Set<String> events(Optional<YamlNode> list) {
        Set<String> events = new HashSet<>();
        list.ifPresent(l -> l.list().forEach(e -> events.add(e.text())));
        return events;
    }
}
