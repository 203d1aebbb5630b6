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
public record PauseReasons(Map<String, Labelled.Label> reasons) {

    /** A code: lower-case letters, digits, {@code -} and {@code _}, at most 20. */
    public static final Pattern CODE = Labelled.CODE;
    /** Codes the bridge gives pauses of its own; an agent reaches them through their own state, not as a reason. */
    public static final java.util.Set<String> RESERVED = java.util.Set.of(org.hotline.events.PauseReasons.WRAP_UP, org.hotline.events.PauseReasons.CALLBACK);

    public PauseReasons {
        reasons = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }

    public Optional<Labelled.Label> label(String code) {
        return Optional.ofNullable(reasons.get(code));
    }

    public boolean allows(String code) {
        return reasons.containsKey(code);
    }

    /** The shipped reasons, for settings written before the list existed. */
    public static PauseReasons shipped() {
        Map<String, Labelled.Label> reasons = new LinkedHashMap<>();
        reasons.put("lunch", new Labelled.Label("午餐", "Lunch"));
        reasons.put("break", new Labelled.Label("休息", "Break"));
        reasons.put("training", new Labelled.Label("培训", "Training"));
        reasons.put("meeting", new Labelled.Label("会议", "Meeting"));
        reasons.put("coaching", new Labelled.Label("辅导", "Coaching"));
        reasons.put("technical", new Labelled.Label("设备故障", "Technical problem"));
        return new PauseReasons(reasons);
    }

    /** Reads {@code agents.pause-reasons} of service-desk.yaml; problems name the file and line. */
    static PauseReasons read(org.hotline.desk.yaml.YamlNode node) {
        return new PauseReasons(Labelled.read(node, RESERVED, "reason", "pause"));
    }
}
