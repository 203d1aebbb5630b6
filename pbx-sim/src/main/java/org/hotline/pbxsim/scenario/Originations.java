package org.hotline.pbxsim.scenario;

import org.hotline.pbxsim.wire.AmiFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What pbx-sim does with an asynchronous Originate of a callback (trace 04): the agent's channel
 * first, OriginateResponse with the Originate's ActionID, then the dial to the customer
 * ({@code Exten}) whose DialEnd says how it went: ANSWER (the two are bridged and talk
 * briefly), BUSY, NOANSWER or CHANUNAVAIL, as the test set for that number; then the Hangups.
 * An agent set not to answer makes the OriginateResponse a Failure with Reason 3.
 */
public final class Originations implements AutoCloseable {

    /** How a dialled customer number behaves. */
    public enum DialStatus { ANSWER, BUSY, NOANSWER, CHANUNAVAIL }

    private final EventTemplates templates = EventTemplates.fromTrace("04-callback-originate");
    private final Map<String, DialStatus> customers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> agentsAnswering = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("pbx-sim-originate").daemon().unstarted(r));
    private final AtomicLong sequence = new AtomicLong(4200);
    private final Duration step;

    /** @param step the time between the steps of a call (ring, answer, talk) */
    public Originations(Duration step) {
        this.step = step;
    }

    public void customer(String number, DialStatus status) {
        customers.put(number, status);
    }

    public void agentAnswers(String channel, boolean answers) {
        agentsAnswering.put(channel, answers);
    }

    /** The response to the Originate, then its events through {@code emit}, over time. */
    public AmiFrame originate(AmiFrame action, String actionId, Consumer<AmiFrame> sink) {
        String channel = action.getOrEmpty("Channel");
        String exten = action.getOrEmpty("Exten");
        String callerId = action.getOrEmpty("CallerID");
        String uniqueid = Instant.now().getEpochSecond() + "." + sequence.incrementAndGet();
        String agentChannel = channel + "-" + String.format("%08x", sequence.incrementAndGet()) + ";1";
        List<Runnable> steps = new ArrayList<>();
        boolean agentAnswers = agentsAnswering.getOrDefault(channel, true);
        // the Originate's Variable: lines are set on the agent's channel, and manager.conf's channelvars make every later
        // event of that channel carry them (ChanVariable:), as Asterisk does
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        for (String assignment : action.all("Variable")) {
            int eq = assignment.indexOf('=');
            if (eq > 0 && ScriptedCalls.CHANNEL_VARIABLES.contains(assignment.substring(0, eq))) {
                variables.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        }
        Consumer<AmiFrame> emit = event -> {
            // (on the channel-state events the hotline reads them from; trace 04 was captured without channelvars, so the
            // events compared with it header for header, Originate/Dial, are left as recorded)
            if (!variables.isEmpty() && agentChannel.equals(event.getOrEmpty("Channel"))
                    && List.of("BridgeEnter", "Hangup").contains(event.getOrEmpty("Event"))) {
                List<AmiFrame.Header> headers = new ArrayList<>(event.headers());
                variables.forEach((name, value) -> headers.add(new AmiFrame.Header("ChanVariable", name + "=" + value)));
                event = new AmiFrame(headers, List.of());
            }
            sink.accept(event);
        };
        steps.add(() -> emit.accept(templates.make("Newchannel", 0, Map.of("Channel", agentChannel, "Uniqueid", uniqueid,
                "Linkedid", uniqueid))));
        if (!agentAnswers) {
            steps.add(() -> {
                emit.accept(templates.make("OriginateResponse", 0, Map.of("ActionID", actionId == null ? "" : actionId,
                        "Response", "Failure", "Channel", channel, "Exten", exten, "Reason", "3", "Uniqueid", "<null>")));
                emit.accept(templates.make("Hangup", 0, Map.of("Channel", agentChannel, "Uniqueid", uniqueid, "Linkedid", uniqueid,
                        "Cause", "19", "Cause-txt", "No answer")));
            });
        } else {
            String customerLeg = Instant.now().getEpochSecond() + "." + sequence.incrementAndGet();
            String customerChannel = "Local/" + exten + "@pstn-sim-" + String.format("%08x", sequence.incrementAndGet()) + ";1";
            DialStatus status = customers.getOrDefault(exten, DialStatus.ANSWER);
            steps.add(() -> emit.accept(templates.make("OriginateResponse", 0, Map.of("ActionID", actionId == null ? "" : actionId,
                    "Channel", agentChannel, "Exten", exten, "Uniqueid", uniqueid, "CallerIDNum", number(callerId)))));
            steps.add(() -> {
                Map<String, String> dial = Map.of("Channel", agentChannel, "Uniqueid", uniqueid, "Linkedid", uniqueid,
                        "Exten", exten, "DestChannel", customerChannel, "DestUniqueid", customerLeg, "DestLinkedid", uniqueid,
                        "DestExten", exten, "DestCallerIDNum", exten, "DialString", exten + "@pstn-sim");
                emit.accept(templates.make("Newchannel", 2, Map.of("Channel", customerChannel, "Uniqueid", customerLeg,
                        "Linkedid", uniqueid)));
                emit.accept(templates.make("DialBegin", 1, dial));
                Map<String, String> end = new java.util.HashMap<>(dial);
                end.put("DialStatus", status.name());
                end.put("DestExten", "");
                emit.accept(templates.make("DialEnd", 1, end));
                if (status == DialStatus.ANSWER) { // trace 04: the customer's leg enters the bridge, then the agent's
                    emit.accept(templates.make("BridgeEnter", 0, Map.of("Channel", customerChannel, "Uniqueid", customerLeg,
                            "Linkedid", uniqueid)));
                    emit.accept(templates.make("BridgeEnter", 1, Map.of("Channel", agentChannel, "Uniqueid", uniqueid,
                            "Linkedid", uniqueid)));
                }
                if (status != DialStatus.ANSWER) {
                    emit.accept(templates.make("Hangup", 0, Map.of("Channel", customerChannel, "Uniqueid", customerLeg,
                            "Linkedid", uniqueid, "Cause", "17", "Cause-txt", "User busy")));
                }
            });
            steps.add(() -> {
                emit.accept(templates.make("Hangup", 0, Map.of("Channel", agentChannel, "Uniqueid", uniqueid, "Linkedid", uniqueid,
                        "Cause", "16", "Cause-txt", "Normal Clearing")));
                if (status == DialStatus.ANSWER) {
                    emit.accept(templates.make("Hangup", 0, Map.of("Channel", customerChannel, "Uniqueid", customerLeg,
                            "Linkedid", uniqueid, "Cause", "16", "Cause-txt", "Normal Clearing")));
                }
            });
        }
        for (int i = 0; i < steps.size(); i++) {
            timer.schedule(steps.get(i), step.toMillis() * (i + 1), TimeUnit.MILLISECONDS);
        }
        AmiFrame.Builder response = AmiFrame.response("Success");
        if (actionId != null) {
            response.add("ActionID", actionId);
        }
        return response.add("Message", "Originate successfully queued").build();
    }

    private static String number(String callerId) {
        int open = callerId.indexOf('<');
        int close = callerId.indexOf('>');
        return open >= 0 && close > open ? callerId.substring(open + 1, close) : callerId;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
