package org.hotline.desk.settings;

import org.hotline.desk.yaml.YamlMap;
import org.hotline.desk.yaml.YamlNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Codes an agent chooses from (pause reasons, call dispositions), each with its label in each
 * language of the pages: read from service-desk.yaml as {@code code: {zh-CN: ..., en: ...}}.
 */
public final class Labelled {

    /** A code: lower-case letters, digits, {@code -} and {@code _}, at most 20. */
    public static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]{0,19}");

    /** A label in Chinese (zh-CN) and English. */
    public record Label(String zhCn, String en) {
    }

    private Labelled() {
    }

    /**
     * The codes of {@code node} with their labels, each a {@code what}; {@code reserved} codes (Hotline's own {@code own})
     * refused; problems name the file and line.
     */
    static Map<String, Label> read(YamlNode node, Set<String> reserved, String what, String own) {
        Map<String, Label> codes = new LinkedHashMap<>();
        node.entries().forEach((code, labels) -> {
            if (!CODE.matcher(code).matches()) {
                throw labels.error("'" + code + "' is not a " + what + " code (lower-case letters, digits, - and _, at most 20)");
            }
            if (reserved.contains(code)) {
                throw labels.error("'" + code + "' is Hotline's own " + own + "; choose another code");
            }
            YamlMap both = labels.mapping("zh-CN", "en");
            codes.put(code, new Label(label(both.required("zh-CN")), label(both.required("en"))));
        });
        if (codes.isEmpty()) {
            throw node.error("list at least one " + what);
        }
        return codes;
    }

    private static String label(YamlNode node) {
        String text = node.text().strip();
        if (text.isEmpty() || text.length() > 40 || text.chars().anyMatch(Character::isISOControl)) {
            throw node.error("a label is 1 to 40 characters, no control characters");
        }
        return text;
    }
}
