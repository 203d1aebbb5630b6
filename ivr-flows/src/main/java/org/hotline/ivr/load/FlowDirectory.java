package org.hotline.ivr.load;

import org.hotline.ivr.flow.ContinueIn;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.Node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * All the flows of a directory (every {@code *.yaml} file in it), or the flows shipped in the
 * jar. They are loaded together because they refer to each other ({@code continue-in}): the
 * set is valid only as a whole, and every problem of every file is reported.
 */
public final class FlowDirectory {

    /** The flows shipped with Hotline (config/flows in the repository). */
    public static final List<String> SHIPPED = List.of("hotline.yaml", "out-of-hours.yaml", "virtual-hold.yaml", "survey.yaml");

    private FlowDirectory() {
    }

    public static Map<String, Flow> load(Path directory, Set<String> calendars) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidFlowException(List.of(directory + ": not a directory of flow files"));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files(directory)) {
            try {
                texts.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
            }
        }
        if (texts.isEmpty() && problems.isEmpty()) {
            problems.add(directory + ": holds no flow (*.yaml) files");
        }
        return read(texts, calendars, problems);
    }

    public static Map<String, Flow> shipped(Set<String> calendars) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : SHIPPED) {
            try (InputStream in = FlowDirectory.class.getResourceAsStream("/org/hotline/ivr/defaults/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped flow " + name + " is missing from the jar");
                }
                texts.put("(shipped) config/flows/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return read(texts, calendars, new ArrayList<>());
    }

    /** The flow files of a directory and their last change, to notice edits. */
    static Map<Path, String> stamps(Path directory) {
        Map<Path, String> stamps = new LinkedHashMap<>();
        for (Path file : files(directory)) {
            try {
                stamps.put(file, Files.getLastModifiedTime(file) + "/" + Files.size(file));
            } catch (IOException e) {
                stamps.put(file, "unreadable");
            }
        }
        return stamps;
    }

    private static List<Path> files(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidFlowException(List.of(directory + ": cannot list: " + e.getMessage()));
        }
    }

    private static Map<String, Flow> read(Map<String, String> texts, Set<String> calendars, List<String> problems) {
        FlowReader reader = new FlowReader(calendars);
        Map<String, Flow> flows = new LinkedHashMap<>();
        texts.forEach((file, text) -> {
            try {
                Flow flow = reader.read(file, text);
                Flow before = flows.putIfAbsent(flow.name(), flow);
                if (before != null) {
                    problems.add(file + ":1: flow: '" + flow.name() + "' is also the name of " + before.file());
                }
            } catch (InvalidFlowException e) {
                problems.addAll(e.problems());
            }
        });
        for (Flow flow : flows.values()) {
            for (Node node : flow.nodes().values()) {
                if (node instanceof ContinueIn go && !flows.containsKey(go.flow())) {
                    problems.add(flow.file() + ":" + node.line() + ": nodes." + node.id() + ": continues in flow '" + go.flow()
                            + "', which is not among the flows (" + String.join(", ", flows.keySet()) + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(problems);
        }
        return flows;
    }
}
