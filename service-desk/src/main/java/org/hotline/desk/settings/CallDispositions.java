package org.hotline.desk.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an answered call came to when it made or touched no record, as the agent says at wrap-up
 * ({@code call-dispositions} in service-desk.yaml): a code with its labels. A call about a
 * record is registered by that record ({@link #RECORD}), not by a code of this list.
 */
public record CallDispositions(Map<String, Labelled.Label> dispositions) {

    /** The disposition of a call registered by the record it is about. */
    public static final String RECORD = "record";

    public CallDispositions {
        dispositions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dispositions));
    }

    public boolean allows(String code) {
        return dispositions.containsKey(code);
    }

    public Optional<Labelled.Label> label(String code) {
        return Optional.ofNullable(dispositions.get(code));
    }

    /** The shipped list, for settings written before it existed. */
    public static CallDispositions shipped() {
        Map<String, Labelled.Label> codes = new LinkedHashMap<>();
        codes.put("question_answered", new Labelled.Label("咨询已解答", "Question answered"));
        codes.put("information_given", new Labelled.Label("已告知信息", "Information given"));
        codes.put("transferred", new Labelled.Label("已转接", "Transferred"));
        codes.put("wrong_number", new Labelled.Label("打错电话", "Wrong number"));
        codes.put("silent_or_cut_off", new Labelled.Label("无声或断线", "Silent or cut off"));
        codes.put("nuisance", new Labelled.Label("骚扰电话", "Nuisance call"));
        return new CallDispositions(codes);
    }

    static CallDispositions read(org.hotline.desk.yaml.YamlNode node) {
        return new CallDispositions(Labelled.read(node, java.util.Set.of(RECORD), "disposition", "disposition (a call about a record)"));
    }
}
