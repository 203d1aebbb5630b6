package org.hotline.desk.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reasons an agent may give for a pause ({@code agents.pause-reasons} in service-desk.yaml):
 * a short code, which is what Asterisk is told (QueuePause's Reason), and its label in each
 * language of the pages. An agent picks one of these; free text never reaches the PBX.
 */
public record PauseReasons(Map<String, Label> reasons) {

    /** A code: lower-case letters, digits, {@code -} and {@code _}, at most 20. */
    public static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_-]{0,19}");
    /** Codes the bridge gives pauses of its own; an agent reaches them through their own state, not as a reason. */
    public static final java.util.Set<String> RESERVED = java.util.Set.of(org.hotline.events.PauseReasons.WRAP_UP, org.hotline.events.PauseReasons.CALLBACK);

    /** A reason's label in Chinese (zh-CN) and English. */
    public record Label(String zhCn, String en) {
    }

    public PauseReasons {
        reasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }

    public Optional<Label> label(String code) {
        return Optional.ofNullable(reasons.get(code));
    }

    public boolean allows(String code) {
        return reasons.containsKey(code);
    }

    /** The shipped reasons, for settings written before the list existed. */
    public static PauseReasons shipped() {
        Map<String, Label> reasons = new LinkedHashMap<>();
        reasons.put("lunch", new Label("午餐", "Lunch"));
        reasons.put("break", new Label("休息", "Break"));
        reasons.put("training", new Label("培训", "Training"));
        reasons.put("meeting", new Label("会议", "Meeting"));
        reasons.put("coaching", new Label("辅导", "Coaching"));
        reasons.put("technical", new Label("设备故障", "Technical problem"));
        return new PauseReasons(reasons);
    }

    /** Reads {@code agents.pause-reasons} of service-desk.yaml; problems name the file and line. */
    static PauseReasons read(org.hotline.desk.yaml.YamlNode node) {
        Map<String, PauseReasons.Label> reasons = new LinkedHashMap<>();
        node.entries().forEach((code, labels) -> {
            if (!PauseReasons.CODE.matcher(code).matches()) {
                throw labels.error("'" + code + "' is not a reason code (lower-case letters, digits, - and _, at most 20)");
            }
            if (PauseReasons.RESERVED.contains(code)) {
                throw labels.error("'" + code + "' is Hotline's own pause; choose another code");
            }
            org.hotline.desk.yaml.YamlMap both = labels.mapping("zh-CN", "en");
            reasons.put(code, new PauseReasons.Label(label(both.required("zh-CN")), label(both.required("en"))));
        });
        if (reasons.isEmpty()) {
            throw node.error("list at least one reason");
        }
        return new PauseReasons(reasons);
    }

    private static String label(org.hotline.desk.yaml.YamlNode node) {
        String text = node.text().strip();
        if (text.isEmpty() || text.length() > 40 || text.chars().anyMatch(Character::isISOControl)) {
            throw node.error("a label is 1 to 40 characters, no control characters");
        }
        return text;
    }
}
