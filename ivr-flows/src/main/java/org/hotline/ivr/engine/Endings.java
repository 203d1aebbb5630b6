package org.hotline.ivr.engine;

import org.hotline.ivr.flow.HangUp;
import org.hotline.ivr.flow.QueueCall;
import org.hotline.ivr.flow.Transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The nodes that end a flow by handing the call back to the dialplan: {@code HOTLINE_ACTION}
 * says what to do (queue, transfer, hangup) and the other variables carry the IVR's context to
 * the queue, the AMI events and the agent's screen pop.
 */
final class Endings {

    private Endings() {
    }

    static CompletionStage<String> queue(Session s, QueueCall node) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("HOTLINE_QUEUE", node.queue().render(s::get));
        vars.put("QUEUE_PRIO", node.priority().render(s::get).replaceAll("[^0-9]", "").isEmpty() ? "0"
                : node.priority().render(s::get).replaceAll("[^0-9]", ""));
        context(s, vars);
        node.variables().forEach((name, value) -> vars.put(name, value.render(s::get)));
        vars.put("HOTLINE_ACTION", "queue");
        s.ending = Outcome.QUEUED;
        return handOn(s, vars);
    }

    static CompletionStage<String> transfer(Session s, Transfer node) {
        Map<String, String> vars = new LinkedHashMap<>();
        context(s, vars);
        vars.put("HOTLINE_TRANSFER_TO", node.to().render(s::get));
        vars.put("HOTLINE_ACTION", "transfer");
        s.ending = Outcome.TRANSFERRED;
        return handOn(s, vars);
    }

    static CompletionStage<String> hangUp(Session s, HangUp node) {
        s.ending = s.callbackAsked ? Outcome.CALLBACK : s.surveyAnswered ? Outcome.SURVEY_DONE
                : s.recordAsked ? Outcome.RECORD_CREATED : Outcome.COMPLETED;
        Map<String, String> vars = new LinkedHashMap<>();
        context(s, vars);
        vars.put("HOTLINE_ACTION", "hangup");
        return s.channel.play(node.prompts().stream().map(s::sound).toList())
                .thenCompose(x -> handOn(s, vars))
                .thenCompose(x -> s.channel.hangUp())
                .thenCompose(x -> Steps.goTo(null));
    }

    /** What the IVR learnt, for the screen pop: intent, record, customer, key-customer flag, this session. */
    private static void context(Session s, Map<String, String> vars) {
        put(vars, "HOTLINE_INTENT", s.variables.get("intent"));
        put(vars, "HOTLINE_RECORD_ID", s.variables.get("record.id"));
        put(vars, "HOTLINE_CUSTOMER_ID", s.variables.get("customer.id"));
        put(vars, "HOTLINE_KEY_CUSTOMER", s.variables.get("customer.key"));
        put(vars, "HOTLINE_CALLBACK_ID", s.variables.get("callback.id"));
        if (s.id != 0) {
            vars.put("HOTLINE_IVR_SESSION_ID", String.valueOf(s.id));
        }
    }

    private static void put(Map<String, String> vars, String name, String value) {
        if (value != null && !value.isEmpty()) {
            vars.put(name, value);
        }
    }

    private static CompletionStage<String> handOn(Session s, Map<String, String> vars) {
        List<Supplier<CompletionStage<Void>>> sets = new ArrayList<>();
        vars.forEach((name, value) -> sets.add(() -> s.channel.setVariable(name, value).thenRun(() -> s.handedOn.put(name, value))));
        return Steps.inOrder(sets).thenCompose(x -> Steps.goTo(null));
    }
}
