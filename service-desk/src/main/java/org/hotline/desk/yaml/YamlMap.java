package org.hotline.desk.yaml;

import java.util.Map;
import java.util.Optional;

/** The entries of a YAML mapping, read by key; a missing required key is an error at the mapping. */
public final class YamlMap {

    private final YamlNode node;
    private final Map<String, YamlNode> entries;

    YamlMap(YamlNode node, Map<String, YamlNode> entries) {
        this.node = node;
        this.entries = entries;
    }

    public YamlNode required(String key) {
        YamlNode value = entries.get(key);
        if (value == null) {
            throw node.error("'" + key + "' is missing");
        }
        return value;
    }

    public Optional<YamlNode> optional(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public YamlNode node() {
        return node;
    }
}
