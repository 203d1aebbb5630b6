package org.hotline.ivr.flow;

import java.util.Map;

/**
 * A validated flow: its name (the FastAGI script that runs it), the file it came from, a
 * version (a hash of the text, recorded with every IVR session), where it starts, its prompts,
 * its settings ({@code settings.<name>} in conditions and texts) and its nodes.
 */
public record Flow(String name, String file, String version, String start, Prompts prompts, Map<String, String> settings,
                   Map<String, Node> nodes) {

    public Flow {
        settings = Map.copyOf(settings);
        nodes = Map.copyOf(nodes);
    }

    public Node node(String id) {
        Node node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("flow " + name + " has no node '" + id + "'");
        }
        return node;
    }
}
