package org.hotline.api.callbacks;

import org.hotline.events.CallbackStatus;

import org.hotline.events.AgentState;
import org.hotline.events.AgentStateChanged;
import org.hotline.events.DeskEvent;
import org.hotline.events.DeskEventType;
import org.hotline.events.HotlineEvent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hotline.api.desk.QueueMembers;
import org.hotline.api.sockets.AgentMessages;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;


/**
 * The callback dialer: a callback falling due ({@code callback.due}) is offered to a ready
 * agent of its queue, its owner first; the agent sees it on their socket ({@code
 * callback_offer}) and accepts, or it is accepted for them after the preview time; then the
 * agent's device is called, then the customer, and the outcome goes to the callback (retried by
 * its policy when busy or not answered) and to the agent ({@code callback_result}); while the
 * agent's phone rings they get the callback's screen pop (customer, callback context). From the
 * offer to the end of the callback call the agent is paused in the queues with the reason
 * {@code callback}, so that Asterisk does not ring them meanwhile. A paused or
 * busy agent is offered nothing; with nobody ready the callback waits for the first agent of its
 * queue who becomes ready (or for its lease to run out, when any node may take it again). The
 * timers never fire outside a callback's window.
 */
public final class CallbackDialer {

    private static final Logger log = LoggerFactory.getLogger(CallbackDialer.class);

    private final Vertx vertx;
    private final DataSource dataSource;
    private final QueueMembers members;
    private final CallbackLine line;
    private final AgentMessages messages;
    private final Duration preview;
    private final String countryCode;
    private final java.time.ZoneId zone;
    private final org.hotline.desk.ServiceDesk desk;
    private final org.hotline.api.pops.ScreenPops pops = new org.hotline.api.pops.ScreenPops();
    private final Map<Long, Offer> offers = new ConcurrentHashMap<>();
    /** Callbacks due that found nobody ready, by id: offered again as soon as an agent is ready (or when their lease runs out). */
    private final Map<Long, JsonObject> waiting = new ConcurrentHashMap<>();
    private volatile CallbackHolds holds = CallbackHolds.none();

    private record Offer(long callbackId, long agentId, String agentInterface, String phone, long timer) {
    }

    public CallbackDialer(Vertx vertx, DataSource dataSource, QueueMembers members, CallbackLine line, AgentMessages messages,
                          Duration preview, String countryCode, java.time.ZoneId zone, org.hotline.desk.ServiceDesk desk) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.members = members;
        this.line = line;
        this.messages = messages;
        this.preview = preview;
        this.countryCode = countryCode;
        this.zone = zone;
        this.desk = desk;
    }

    /** Where the agents held for callbacks are noted, for another node to release them if this one dies. */
    public CallbackDialer holdingIn(CallbackHolds holds) {
        this.holds = holds;
        return this;
    }

    /** Follows the desk events published at {@code address}: a callback falls due. */
    public CallbackDialer listen(String address) {
        vertx.eventBus().<HotlineEvent>consumer(address, message -> {
            if (message.body() instanceof DeskEvent due && due.type() == DeskEventType.CALLBACK_DUE) {
                due(new JsonObject(due.payload()));
            } else if (message.body() instanceof DeskEvent cancelled && cancelled.type() == DeskEventType.CALLBACK_CANCELLED) {
                withdraw(cancelled.aggregateId(), cancelled.text("reason"));
            }
        });
        return this;
    }

    /** Follows the agent events at {@code address}: an agent who becomes ready is offered the callbacks waiting for one. */
    public CallbackDialer followAgents(String address) {
        vertx.eventBus().<HotlineEvent>consumer(address, message -> {
            if (message.body() instanceof AgentStateChanged change && change.to() == AgentState.READY) {
                List.copyOf(waiting.values()).forEach(this::due);
            }
        });
        return this;
    }

    private record Candidate(long agentId, String device) {
    }

    /** Whether the due callback {@code id} waits here for an agent who may take it to be ready. */
    boolean waitsForAnAgent(long id) {
        return waiting.containsKey(id);
    }

    void due(JsonObject callback) {
        long id = callback.getLong("callbackId");
        if (offers.containsKey(id)) {
            return;
        }
        Optional<Long> owner = Optional.ofNullable(callback.getLong("ownerAgentId"));
        Optional<Long> queue = Optional.ofNullable(callback.getLong("queueId"));
        Future<List<Candidate>> candidates = vertx.executeBlocking(() -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            if (!org.hotline.desk.callbacks.CallbackList.stillOffered(db, id, Optional.ofNullable(callback.getString("leaseOwner")))) {
                return null; // made, moved or taken meanwhile: nothing to offer
            }
            return org.hotline.desk.agents.Agents.reachable(db, queue).stream()
                    .map(agent -> new Candidate(agent.id(), agent.device().orElseThrow())).toList();
        }, false);
        candidates.onSuccess(all -> {
            if (all == null) {
                waiting.remove(id);
                return;
            }
            if (offers.containsKey(id)) {
                return; // offered meanwhile, by a look begun at the same time (two agents ready at once): offered once
            }
            // the owner alone until owned_until (the agent who promised the call makes it), then any agent of its queue
            boolean ownersAlone = owner.isPresent() && Optional.ofNullable(callback.getString("ownedUntil")).map(Instant::parse)
                    .map(until -> Instant.now().isBefore(until)).orElse(false);
            // ready, and not looking at another offer (several callbacks may wait for the same agent)
            List<Candidate> ready = all.stream().filter(c -> !ownersAlone || owner.get().equals(c.agentId()))
                    .filter(c -> members.state(c.device()).map("ready"::equals).orElse(false))
                    .filter(c -> offers.values().stream().noneMatch(o -> o.agentInterface().equals(c.device())))
                    .sorted((a, b) -> Boolean.compare(owner.equals(Optional.of(b.agentId())), owner.equals(Optional.of(a.agentId()))))
                    .toList();
            if (ready.isEmpty()) {
                if (waiting.put(id, callback) == null) {
                    log.info("callback {} due, but no agent of its queue is ready: offered when one is", id);
                }
                return;
            }
            waiting.remove(id);
            offer(id, ready.getFirst(), callback);
        }).onFailure(e -> log.warn("callback {} could not be offered: {}", id, e.toString()));
    }

    private void offer(long id, Candidate agent, JsonObject callback) {
        // reserved for the callback: the queue must not ring them while they look at it and call
        members.pause(agent.device(), QueueMembers.CALLBACK_REASON).whenComplete((x, e) -> {
            if (e != null) {
                log.warn("agent {} could not be held for callback {}: {}", agent.agentId(), id, e.toString());
            }
        });
        long timer = vertx.setTimer(preview.toMillis(), t -> accept(id, agent.agentId()));
        offers.put(id, new Offer(id, agent.agentId(), agent.device(), callback.getString("phone"), timer));
        holds.offered(id, agent.agentId(), agent.device(), callback.getString("leaseOwner", ""));
        messages.deliver(agent.agentId(), "callback_offer", callback.copy().put("previewSeconds", preview.toSeconds()));
    }

    /**
     * The callback was cancelled (its record closed, its customer reached): an offer of it is
     * withdrawn from the agent's screen and the agent goes back to the queue; it no longer waits.
     */
    void withdraw(long callbackId, String why) {
        waiting.remove(callbackId);
        Offer offer = offers.remove(callbackId);
        if (offer == null) {
            return;
        }
        vertx.cancelTimer(offer.timer());
        members.ready(offer.agentInterface());
        holds.released(callbackId);
        messages.deliver(offer.agentId(), "callback_result", new JsonObject().put("callbackId", callbackId).put("outcome", "cancelled")
                .put("why", why));
    }

    /** The offered agent takes the callback now (or the preview time ran out); false when it is not theirs to take. */
    public boolean accept(long callbackId, long agentId) {
        Offer offer = offers.get(callbackId);
        if (offer == null || offer.agentId() != agentId || !offers.remove(callbackId, offer)) {
            return false;
        }
        vertx.cancelTimer(offer.timer());
        Optional<String> refused = desk.dialling().refusal(offer.phone());
        if (refused.isPresent()) { // the policy changed since it was scheduled: never dialled, and not tried again
            log.warn("callback {} not dialled: the number is {}", callbackId, refused.get());
            members.ready(offer.agentInterface());
            holds.released(callbackId);
            vertx.executeBlocking(() -> desk.callbackTried(callbackId, org.hotline.desk.callbacks.CallOutcome.WRONG_NUMBER,
                    Optional.of(agentId), Optional.empty()), false)
                    .onFailure(e -> log.warn("callback {}: its refusal could not be recorded: {}", callbackId, e.toString()));
            messages.deliver(agentId, "callback_result", new JsonObject().put("callbackId", callbackId).put("outcome", "refused")
                    .put("why", refused.get()));
            return true;
        }
        // still to be made? (cancelled meanwhile, the event may not be here yet: never dial a call nobody needs)
        vertx.executeBlocking(() -> desk.stillOffered(callbackId), false).onComplete(still -> {
            if (still.succeeded() && !still.result()) {
                members.ready(offer.agentInterface());
                holds.released(callbackId);
                messages.deliver(agentId, "callback_result", new JsonObject().put("callbackId", callbackId).put("outcome", "cancelled")
                        .put("why", "no longer to be made"));
                return;
            }
            pop(offer);
            holds.dialling(callbackId);
            line.place(callbackId, agentId, offer.agentInterface(), dialable(offer.phone())).whenComplete((outcome, e) -> {
                members.ready(offer.agentInterface()); // back to the queue (a failure here shows on the agent's state)
                holds.released(callbackId);
                messages.deliver(agentId, "callback_result", new JsonObject().put("callbackId", callbackId)
                        .put("outcome", e == null ? outcome : "failed"));
            });
        });
        return true;
    }

    /**
     * The agent's phone rings for the callback (Originate, agent first: no AgentCalled): their
     * screen pop shows the customer and the callback's context, built while it rings.
     */
    private void pop(Offer offer) {
        vertx.executeBlocking(() -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            Optional<Long> customer = org.hotline.desk.customers.CustomerCards.callback(db, offer.callbackId())
                    .flatMap(org.hotline.desk.customers.CustomerCards.Callback::customerId);
            var call = new org.hotline.api.pops.ScreenPops.Call("callback-" + offer.callbackId(), "", offer.phone(), "",
                    customer, Optional.empty(), Optional.empty(), Optional.of(offer.callbackId()), Optional.of("callback"));
            return pops.build(db, call, java.time.LocalDate.now(zone)).put("agentInterface", offer.agentInterface())
                    .put("ringingAt", java.time.Instant.now().toString()).put("waitSeconds", 0);
        }, false).onSuccess(pop -> messages.deliver(offer.agentId(), "screen_pop", pop))
                .onFailure(e -> log.warn("the screen pop of callback {} failed: {}", offer.callbackId(), e.toString()));
    }

    /** The number as the dialplan's callback-out context dials it: national, without the country code. */
    private String dialable(String e164) {
        String prefix = "+" + countryCode;
        return e164.startsWith(prefix) ? e164.substring(prefix.length()) : e164.replace("+", "");
    }
}
