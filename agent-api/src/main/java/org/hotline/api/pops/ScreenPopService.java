package org.hotline.api.pops;

import org.hotline.events.CallEvent;
import org.hotline.events.HotlineEvent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hotline.api.sockets.AgentMessages;
import org.hotline.desk.customers.PhoneNumbers;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;


/**
 * Screen pops from the call events on the bus, read ahead so that the ring does not wait for the
 * database: when the caller enters the IVR, who they are (card, products, last calls) is read;
 * when they join a queue, the rest (records, which the IVR may just have created, the IVR
 * session, the callback) is added; when an agent's phone rings (AgentCalled) the pop goes to
 * that agent only, with the wait so far. A call that ends is forgotten; so is one not rung for
 * an hour.
 */
public final class ScreenPopService {

    private static final Logger log = LoggerFactory.getLogger(ScreenPopService.class);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final Vertx vertx;
    private final DataSource dataSource;
    private final AgentMessages inbox;
    private final PhoneNumbers phones;
    private final ZoneId zone;
    private final Clock clock;
    private final ScreenPops pops = new ScreenPops();
    /** A ringing agent waits this long for the whole pop; then the number and name go out first. */
    private final DegradedPops degraded = new DegradedPops(Duration.ofSeconds(1));
    private final Map<String, Prefetched> prefetched = new ConcurrentHashMap<>();
    /** Who is calling, read when the caller entered the IVR, by linkedid. */
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final org.hotline.api.desk.DeviceAgents devices;

    /** {@code callerName}: as the queue join told it (the ring may not). */
    private record Prefetched(Future<JsonObject> pop, Instant queuedAt, String callerName) {
    }

    private record Caller(String number, Future<JsonObject> part, Instant at) {
    }

    public ScreenPopService(Vertx vertx, DataSource dataSource, org.hotline.api.desk.DeviceAgents devices, AgentMessages inbox,
                            PhoneNumbers phones, ZoneId zone, Clock clock) {
        this.vertx = vertx;
        this.devices = devices;
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.phones = phones;
        this.zone = zone;
        this.clock = clock;
    }

    /** Follows the call events published at {@code address}. */
    /** Pops that went out degraded (number and name first, the card later) since start. */
    public long degradedPops() {
        return degraded.total();
    }

    public ScreenPopService listen(String address) {
        vertx.eventBus().<HotlineEvent>consumer(address, message -> {
            if (message.body() instanceof CallEvent call) {
                onCallEvent(call);
            }
        });
        vertx.setPeriodic(60_000, t -> forgetOld());
        return this;
    }

    void onCallEvent(CallEvent event) {
        switch (event) {
            case CallEvent.IvrEntered entered -> callers.computeIfAbsent(entered.linkedid(),
                    id -> readCaller(entered.callerNumber(), entered.at()));
            case CallEvent.QueueJoined joined -> prefetched.computeIfAbsent(joined.linkedid(), id -> new Prefetched(build(joined.linkedid(),
                    joined.queue(), joined.callerNumber(), joined.callerName(), joined.variables()), joined.at(), joined.callerName()));
            case CallEvent.AgentRinging ringing -> ring(ringing);
            case CallEvent.Ended ended -> {
                prefetched.remove(ended.linkedid());
                callers.remove(ended.linkedid());
            }
            default -> { }
        }
    }

    private void ring(CallEvent.AgentRinging ringing) {
        String linkedid = ringing.linkedid();
        Instant at = ringing.at();
        Prefetched ready = prefetched.computeIfAbsent(linkedid, id -> new Prefetched(build(linkedid, ringing.queue(),
                ringing.callerNumber(), ringing.callerName(), ringing.variables()), at, ringing.callerName()));
        String device = ringing.agentInterface();
        devices.agentOf(device).onSuccess(agentId -> {
            if (agentId.isEmpty()) {
                log.info("no agent has device {}: no screen pop for call {}", device, linkedid);
                return;
            }
            // the whole pop when it is read in time; else the caller's number and name at once, and the card when it comes
            JsonObject ringFacts = new JsonObject().put("ringingAt", at.toString()).put("agentInterface", device)
                    .put("waitSeconds", Math.max(0, Duration.between(ready.queuedAt(), at).toMillis() / 1000.0));
            Runnable numberAndName = () -> {
                degraded.degraded();
                inbox.deliver(agentId.get(), "screen_pop", new JsonObject().put("linkedid", linkedid).put("queue", ringing.queue())
                        .put("callerNumber", number(ringing.callerNumber()))
                        .put("callerName", ringing.callerName().isEmpty() ? ready.callerName() : ringing.callerName())
                        .put("degraded", true).mergeIn(ringFacts));
            };
            long waited = vertx.setTimer(degraded.waitFor().toMillis(), t -> numberAndName.run());
            ready.pop().onComplete(read -> {
                boolean late = !vertx.cancelTimer(waited);
                if (read.failed()) {
                    // told once per episode (DegradedPops), not once per call
                    log.debug("screen pop for call {} not read: {}", linkedid, read.cause().toString());
                    if (!late) {
                        numberAndName.run();
                    }
                    return;
                }
                if (!late) {
                    degraded.whole();
                }
                JsonObject pop = read.result().copy().mergeIn(ringFacts);
                inbox.deliver(agentId.get(), "screen_pop", late ? pop.put("update", true) : pop);
            });
        }).onFailure(e -> log.warn("screen pop for call {} failed: {}", linkedid, e.toString()));
    }

    private Caller readCaller(String callerNumber, Instant at) {
        String number = number(callerNumber);
        return new Caller(number, vertx.executeBlocking(() -> pops.caller(DSL.using(dataSource, SQLDialect.POSTGRES), Optional.empty(),
                number, today()), false), at);
    }

    /** The pop; from what was read in the IVR when it is about the same customer (the IVR may have found another by serial). */
    private Future<JsonObject> build(String linkedid, String queue, String callerNumber, String callerName, Map<String, String> vars) {
        ScreenPops.Call call = new ScreenPops.Call(linkedid, queue, number(callerNumber),
                callerName, id(vars, "HOTLINE_CUSTOMER_ID"), id(vars, "HOTLINE_IVR_SESSION_ID"),
                id(vars, "HOTLINE_RECORD_ID"), id(vars, "HOTLINE_CALLBACK_ID"),
                Optional.ofNullable(vars.get("HOTLINE_INTENT")).filter(s -> !s.isEmpty()));
        Caller early = callers.remove(linkedid);
        if (early == null || !early.number().equals(call.callerNumber())) {
            return vertx.executeBlocking(() -> pops.build(DSL.using(dataSource, SQLDialect.POSTGRES), call, today()), false);
        }
        return early.part().map(Optional::of).otherwise(Optional.empty()).compose(read -> vertx.executeBlocking(() -> {
            var db = DSL.using(dataSource, SQLDialect.POSTGRES);
            JsonObject part = read.filter(p -> call.customerId().isEmpty() || call.customerId().equals(ScreenPops.customerOf(p)))
                    .orElseGet(() -> pops.caller(db, call.customerId(), call.callerNumber(), today()));
            return pops.build(db, call, part);
        }, false));
    }

    private String number(String raw) {
        return phones.normalize(raw).orElse(raw);
    }

    private java.time.LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    private static Optional<Long> id(Map<String, String> vars, String name) {
        try {
            return Optional.ofNullable(vars.get(name)).filter(s -> !s.isBlank()).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void forgetOld() {
        Instant before = clock.instant().minus(FORGET_AFTER);
        prefetched.values().removeIf(p -> p.queuedAt().isBefore(before));
        callers.values().removeIf(c -> c.at().isBefore(before));
    }
}
