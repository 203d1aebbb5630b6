package org.hotline.ivr.load;

import org.hotline.desk.yaml.YamlFileException;
import org.hotline.desk.yaml.YamlMap;
import org.hotline.desk.yaml.YamlNode;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.Node;
import org.hotline.ivr.flow.Prompts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one flow file (the schema is in config/flows/README.md) and validates it; every problem
 * found is reported with the file and the line, not only the first.
 */
public final class FlowReader {

    private final FlowValidator validator;

    /** @param calendars the business calendars {@code hours.<calendar>} may name */
    public FlowReader(java.util.Set<String> calendars) {
        this.validator = new FlowValidator(calendars);
    }

    /** @param label how problems name the file (its path) */
    public Flow read(String label, String text) {
        List<String> problems = new ArrayList<>();
        YamlMap top;
        try {
            top = YamlNode.parse(label, text).mapping("flow", "description", "languages", "start", "settings", "prompts", "nodes");
        } catch (YamlFileException e) {
            throw new InvalidFlowException(List.of(e.getMessage()));
        }
        String name = attempt(problems, () -> top.required("flow").text(), "");
        String start = attempt(problems, () -> top.required("start").text(), "");
        List<String> languages = attempt(problems, () -> top.optional("languages").map(l -> l.list().stream().map(YamlNode::text).toList())
                .orElse(List.of("en")), List.of("en"));
        Map<String, String> settings = attempt(problems, () -> settings(top), Map.of());
        Prompts prompts = new Prompts(languages, attempt(problems, () -> prompts(top, languages), Map.of()));
        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<String, YamlNode> entries = attempt(problems, () -> top.required("nodes").entries(), Map.of());
        NodeReader nodeReader = new NodeReader();
        entries.forEach((id, node) -> {
            try {
                nodes.put(id, nodeReader.read(id, node));
            } catch (YamlFileException | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(problems);
        }
        Flow flow = new Flow(name, label, version(text), start, prompts, settings, nodes);
        List<String> graphProblems = validator.problems(flow, top.required("start"));
        if (!graphProblems.isEmpty()) {
            throw new InvalidFlowException(graphProblems);
        }
        return flow;
    }

    private static Map<String, String> settings(YamlMap top) {
        Map<String, String> settings = new LinkedHashMap<>();
        top.optional("settings").ifPresent(s -> s.entries().forEach((key, value) -> settings.put(key, value.text())));
        return settings;
    }

    private static Map<String, Map<String, String>> prompts(YamlMap top, List<String> languages) {
        Map<String, Map<String, String>> prompts = new LinkedHashMap<>();
        top.required("prompts").entries().forEach((name, value) -> {
            Map<String, String> byLanguage = new LinkedHashMap<>();
            if (isScalar(value)) {
                String sound = sound(value);
                languages.forEach(language -> byLanguage.put(language, sound));
            } else {
                value.mapping(languages.toArray(String[]::new)).node().entries().forEach((lang, s) -> byLanguage.put(lang, sound(s)));
                List<String> missing = languages.stream().filter(l -> !byLanguage.containsKey(l)).toList();
                if (!missing.isEmpty()) {
                    throw value.error("no sound for " + String.join(", ", missing) + " (the flow speaks " + String.join(", ", languages) + ")");
                }
            }
            prompts.put(name, byLanguage);
        });
        return prompts;
    }

    private static boolean isScalar(YamlNode node) {
        try {
            node.text();
            return true;
        } catch (YamlFileException e) {
            return false;
        }
    }

    private static String sound(YamlNode node) {
        String sound = node.text();
        if (sound.isEmpty() || !sound.matches("[\\w/.-]+")) {
            throw node.error("'" + sound + "' is not an Asterisk sound name (letters, digits, / . - _)");
        }
        return sound;
    }

    private static <T> T attempt(List<String> problems, java.util.function.Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (YamlFileException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }

    private static String version(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
