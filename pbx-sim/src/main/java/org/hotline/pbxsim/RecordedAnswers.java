package org.hotline.pbxsim;

import org.hotline.pbxsim.wire.AmiFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The answers of a real Asterisk 22 to the status actions, from trace 05 (a paused member, a
 * caller waiting): QueueStatus, QueueSummary, CoreShowChannels, Status. Replayed with the
 * asker's ActionID.
 */
final class RecordedAnswers {

    /** Which ActionID of trace 05 answered which action (the traces' README). */
    private static final Map<String, String> RECORDED_ACTION_IDS = Map.of(
            "queuestatus", "cap-5", "queuesummary", "cap-6", "coreshowchannels", "cap-7", "status", "cap-8");

    private final Map<String, List<AmiFrame>> answers;

    private RecordedAnswers(Map<String, List<AmiFrame>> answers) {
        this.answers = answers;
    }

    static RecordedAnswers fromTraces() {
        AmiTrace trace = AmiTrace.load("asterisk-traces/05-pause-status-queries.ami");
        Map<String, List<AmiFrame>> answers = new java.util.HashMap<>();
        RECORDED_ACTION_IDS.forEach((action, id) -> answers.put(action, trace.frames().stream()
                .filter(f -> f.actionId().filter(id::equals).isPresent()).toList()));
        return new RecordedAnswers(Map.copyOf(answers));
    }

    /** The recorded frames answering {@code action} (lower case), with {@code actionId} in place of the recorded one. */
    List<AmiFrame> answer(String action, String actionId) {
        List<AmiFrame> frames = new ArrayList<>();
        for (AmiFrame frame : answers.getOrDefault(action, List.of())) {
            List<AmiFrame.Header> headers = frame.headers().stream()
                    .map(h -> h.name().equalsIgnoreCase("ActionID") ? new AmiFrame.Header(h.name(), actionId == null ? "" : actionId) : h)
                    .toList();
            frames.add(new AmiFrame(headers, frame.looseLines()));
        }
        return frames;
    }
}
