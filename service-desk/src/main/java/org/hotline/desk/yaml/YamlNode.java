package org.hotline.desk.yaml;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A node of a YAML file that knows where it stands (file, line, key path), so that every
 * error about a value names the file, the line and the key. Reads strictly: unknown keys,
 * duplicate keys and values of the wrong shape are errors.
 */
public final class YamlNode {

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private final Node node;
    private final String file;
    private final String path;
    private final int line;

    /** @param line where errors point: the key's line for a mapping's value, else the node's own */
    private YamlNode(Node node, String file, String path, int line) {
        this.node = node;
        this.file = file;
        this.path = path;
        this.line = line;
    }

    private YamlNode(Node node, String file, String path) {
        this(node, file, path, lineOf(node));
    }

    private static int lineOf(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    public static YamlNode load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new YamlFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** @param label how errors name the text (usually the file's path) */
    public static YamlNode parse(String label, String text) {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(label).build();
            Optional<Node> root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text))).getSingleNode();
            return new YamlNode(root.orElseGet(() -> new MappingNode(org.snakeyaml.engine.v2.nodes.Tag.MAP, List.of(),
                    org.snakeyaml.engine.v2.common.FlowStyle.AUTO)), label, "");
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new YamlFileException(label + ":" + line + ": not valid YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new YamlFileException(label + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    /** This node as a mapping whose keys must be among {@code allowedKeys}. */
    public YamlMap mapping(String... allowedKeys) {
        Map<String, YamlNode> entries = entries();
        List<String> allowed = List.of(allowedKeys);
        entries.forEach((key, value) -> {
            if (!allowed.contains(key)) {
                throw value.error("unknown key (known here: " + String.join(", ", allowedKeys) + ")");
            }
        });
        return new YamlMap(this, entries);
    }

    /** The entries of a mapping whose keys are free (names of things), in file order. */
    public Map<String, YamlNode> entries() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("must be a mapping of keys to values");
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlNode(tuple.getKeyNode(), file, path).error("keys must be plain names");
            }
            String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            YamlNode child = new YamlNode(tuple.getValueNode(), file, childPath, lineOf(key));
            if (entries.put(key.getValue(), child) != null) {
                throw child.error("appears twice");
            }
        }
        return entries;
    }

    /** Whether this node is a list (for a key that takes one value or several). */
    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public List<YamlNode> list() {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("must be a list");
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(new YamlNode(sequence.getValue().get(i), file, path + "[" + i + "]"));
        }
        return items;
    }

    public String text() {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("must be a single value");
        }
        return scalar.getValue().trim();
    }

    public int integer() {
        return as(Integer::parseInt, "a whole number");
    }

    public double decimal() {
        return as(Double::parseDouble, "a number");
    }

    public boolean bool() {
        return as(v -> switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(v);
        }, "true or false");
    }

    /** "30s", "10m", "2h", "1d". */
    public java.time.Duration duration() {
        return as(text -> {
            java.util.regex.Matcher m = DURATION.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(text);
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> java.time.Duration.ofSeconds(n);
                case "m" -> java.time.Duration.ofMinutes(n);
                case "h" -> java.time.Duration.ofHours(n);
                default -> java.time.Duration.ofDays(n);
            };
        }, "a duration like 30s, 10m, 2h or 1d");
    }

    public <E extends Enum<E>> E choice(Class<E> type) {
        String value = text();
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().replace('_', '-').equalsIgnoreCase(value) || e.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> error("'" + value + "' is not one of " + String.join(", ",
                        Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList())));
    }

    /** Converts the text with {@code parse}; a failure becomes an error naming {@code expected}. */
    public <T> T as(Function<String, T> parse, String expected) {
        String value = text();
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            String detail = e.getMessage() != null && !e.getMessage().equals(value) && !(e instanceof NumberFormatException)
                    ? ": " + e.getMessage() : "";
            throw error("'" + value + "' is not " + expected + detail);
        }
    }

    /** An error about this value: "file:line: path: problem". */
    public YamlFileException error(String problem) {
        return new YamlFileException(file + ":" + line() + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    public int line() {
        return line;
    }

    public String path() {
        return path;
    }
}
