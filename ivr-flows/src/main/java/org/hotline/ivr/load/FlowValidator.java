package org.hotline.ivr.load;

import org.hotline.desk.records.RecordType;
import org.hotline.desk.yaml.YamlNode;
import org.hotline.ivr.flow.Branch;
import org.hotline.ivr.flow.CreateRecord;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.Node;
import org.hotline.ivr.flow.Template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a flow must be to run: every target a node names exists, every prompt played is
 * defined, every node can be reached from the start, no loop goes round without waiting for
 * the caller, the calendars and settings it reads exist, record types are real ones.
 */
final class FlowValidator {

    private final Set<String> calendars;

    FlowValidator(Set<String> calendars) {
        this.calendars = Set.copyOf(calendars);
    }

    List<String> problems(Flow flow, YamlNode startNode) {
        List<String> problems = new ArrayList<>();
        if (!flow.name().matches("[a-z][a-z0-9-]*")) {
            problems.add(flow.file() + ":1: flow: '" + flow.name() + "' is not a flow name (lower case letters, digits and -)");
        }
        if (!flow.nodes().containsKey(flow.start())) {
            problems.add(flow.file() + ":" + startNode.line() + ": start: '" + flow.start() + "' is not a node");
        }
        for (Node node : flow.nodes().values()) {
            for (String target : new LinkedHashSet<>(node.exits())) {
                if (!flow.nodes().containsKey(target)) {
                    problems.add(at(flow, node) + "goes to '" + target + "', which is not a node");
                }
            }
            for (String prompt : node.prompts()) {
                if (!flow.prompts().has(prompt)) {
                    problems.add(at(flow, node) + "plays prompt '" + prompt + "', which is not among the flow's prompts");
                }
            }
            variablesRead(node).forEach(variable -> checkVariable(flow, node, variable, problems));
            if (node instanceof CreateRecord create && create.type().variables().isEmpty()) {
                try {
                    RecordType.fromDb(create.type().text().replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    problems.add(at(flow, node) + "'" + create.type().text() + "' is not a record type");
                }
            }
        }
        if (problems.isEmpty()) {
            unreachable(flow, problems);
            loopsWithoutInput(flow, problems);
        }
        return problems;
    }

    private void checkVariable(Flow flow, Node node, String variable, List<String> problems) {
        if (variable.startsWith("hours.")) {
            String calendar = variable.substring("hours.".length());
            if (!calendars.isEmpty() && !calendars.contains(calendar)) {
                problems.add(at(flow, node) + "reads '" + variable + "', but there is no calendar '" + calendar + "' (known: "
                        + String.join(", ", calendars.stream().sorted().toList()) + ")");
            }
        } else if (variable.startsWith("settings.") && !flow.settings().containsKey(variable.substring("settings.".length()))) {
            problems.add(at(flow, node) + "reads '" + variable + "', which is not among the flow's settings");
        }
    }

    private static Stream<String> variablesRead(Node node) {
        List<Template> templates = switch (node) {
            case org.hotline.ivr.flow.Say n -> List.of(n.value());
            case org.hotline.ivr.flow.FindProduct n -> List.of(n.serial());
            case CreateRecord n -> Stream.concat(Stream.of(n.type(), n.priority()), n.summary().stream()).toList();
            case org.hotline.ivr.flow.OfferCallback n -> List.of(n.queue());
            case org.hotline.ivr.flow.QueueCall n -> Stream.concat(Stream.of(n.queue(), n.priority()), n.variables().values().stream()).toList();
            case org.hotline.ivr.flow.Transfer n -> List.of(n.to());
            case org.hotline.ivr.flow.SetVariables n -> List.copyOf(n.values().values());
            case org.hotline.ivr.flow.EstimateWait n -> List.of(n.queue());
            default -> List.of();
        };
        Stream<String> fromTemplates = templates.stream().flatMap(t -> t.variables().stream());
        if (node instanceof Branch branch) {
            return Stream.concat(fromTemplates, branch.cases().stream().flatMap(c -> c.condition().variables().stream()));
        }
        return fromTemplates;
    }

    private static void unreachable(Flow flow, List<String> problems) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(flow.start()));
        while (!next.isEmpty()) {
            String id = next.pop();
            if (seen.add(id)) {
                next.addAll(flow.node(id).exits());
            }
        }
        flow.nodes().values().stream().filter(n -> !seen.contains(n.id())).sorted(java.util.Comparator.comparingInt(Node::line))
                .forEach(n -> problems.add(at(flow, n) + "cannot be reached from start '" + flow.start() + "'"));
    }

    /** A cycle through nodes none of which waits for a key would spin forever: find each one once. */
    private static void loopsWithoutInput(Flow flow, List<String> problems) {
        Set<String> done = new HashSet<>();
        Set<Set<String>> reported = new HashSet<>();
        for (Node node : flow.nodes().values().stream().sorted(java.util.Comparator.comparingInt(Node::line)).toList()) {
            if (!node.takesInput() && !done.contains(node.id())) {
                search(flow, node.id(), new ArrayList<>(), done, reported, problems);
            }
        }
    }

    private static void search(Flow flow, String id, List<String> path, Set<String> done, Set<Set<String>> reported,
                               List<String> problems) {
        int index = path.indexOf(id);
        if (index >= 0) {
            List<String> loop = new ArrayList<>(path.subList(index, path.size()));
            if (reported.add(Set.copyOf(loop))) {
                loop.add(id);
                problems.add(at(flow, flow.node(id)) + "loops back through " + String.join(" -> ", loop)
                        + " without waiting for the caller");
            }
            return;
        }
        Node node = flow.node(id);
        if (node.takesInput() || done.contains(id)) {
            return;
        }
        path.add(id);
        for (String target : node.exits()) {
            search(flow, target, path, done, reported, problems);
        }
        path.removeLast();
        done.add(id);
    }

    private static String at(Flow flow, Node node) {
        return flow.file() + ":" + node.line() + ": nodes." + node.id() + ": ";
    }

}
