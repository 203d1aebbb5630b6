package org.hotline.ivr.engine;

import org.hotline.ivr.channel.CallChannel;
import org.hotline.ivr.channel.CallerHungUp;
import org.hotline.ivr.flow.Branch;
import org.hotline.ivr.flow.Collect;
import org.hotline.ivr.flow.ContinueIn;
import org.hotline.ivr.flow.CreateRecord;
import org.hotline.ivr.flow.EstimateWait;
import org.hotline.ivr.flow.FindProduct;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.Goto;
import org.hotline.ivr.flow.HangUp;
import org.hotline.ivr.flow.LookupCaller;
import org.hotline.ivr.flow.Menu;
import org.hotline.ivr.flow.Node;
import org.hotline.ivr.flow.OfferCallback;
import org.hotline.ivr.flow.PickProduct;
import org.hotline.ivr.flow.Play;
import org.hotline.ivr.flow.QueueCall;
import org.hotline.ivr.flow.Say;
import org.hotline.ivr.flow.SetVariables;
import org.hotline.ivr.flow.SurveyQuestion;
import org.hotline.ivr.flow.Transfer;
import org.hotline.ivr.services.FlowServices;
import org.hotline.ivr.services.SessionStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs flows on calls. Nothing blocks: each node returns when its channel or service-desk
 * operation completes, and the next node runs on whichever thread completed it, so thousands
 * of callers cost memory for their state only. A caller who hangs up ends the flow where it is;
 * the session (path, keys, what was created) is recorded either way. A caller never waits for
 * the service desk longer than the desk wait: a lookup without an answer by then takes the
 * flow's default branch, a write goes on without the caller and is written when it can be.
 */
public final class FlowEngine {

    private static final Logger log = LoggerFactory.getLogger(FlowEngine.class);
    /** A flow that visits this many nodes in one call is stuck (every loop waits for keys, so only a caller pressing for hours gets here). */
    private static final int MAX_STEPS = 500;

    /** How long a caller waits for the service desk by default before the flow goes on without its answer. */
    public static final Duration DEFAULT_DESK_WAIT = Duration.ofSeconds(2);

    private final FlowServices services;
    private final Function<String, Optional<Flow>> flows;
    private final Clock clock;
    private final DeskWait desk;

    /** @param flows the flows {@code continue-in} may go to, by name (the library's current ones) */
    public FlowEngine(FlowServices services, Function<String, Optional<Flow>> flows, Clock clock) {
        this(services, flows, clock, DEFAULT_DESK_WAIT);
    }

    /**
     * @param flows    the flows {@code continue-in} may go to, by name (the library's current ones)
     * @param deskWait how long a caller waits for the service desk (a lookup, a record, the session's
     *                 start) before the flow goes on without its answer
     */
    public FlowEngine(FlowServices services, Function<String, Optional<Flow>> flows, Clock clock, Duration deskWait) {
        this.services = services;
        this.flows = flows;
        this.clock = clock;
        this.desk = new DeskWait(deskWait);
    }

    /** Times a flow went on without the service desk's answer (none within the desk wait, or a failure), since start. */
    public long deskUnanswered() {
        return desk.unanswered();
    }

    public CompletionStage<SessionResult> run(Flow flow, CallChannel channel) {
        Optional<String> phone = services.normalizePhone(channel.call().callerNumber());
        SessionStart start = new SessionStart(channel.call(), flow.name(), flow.version(), phone,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        CompletableFuture<SessionResult> done = new CompletableFuture<>();
        CompletableFuture<Long> starting = services.sessionStarted(start).toCompletableFuture();
        desk.within(starting, "the IVR session's start")
                .thenAccept(id -> {
                    Session session = new Session(channel, services, clock, desk, start, id.orElse(0L), flow);
                    session.writes.add(starting);
                    phone.ifPresent(p -> session.set("caller.number", p));
                    session.set("caller.raw", channel.call().callerNumber());
                    session.set("caller.name", channel.call().callerName());
                    session.set("call.language", session.language);
                    channel.call().arguments().forEach((name, value) -> session.set("arg." + name, value));
                    if (session.id != 0) {
                        session.set("ivr.session", session.id);
                    }
                    channel.answer().whenComplete((x, e) -> {
                        if (e != null) {
                            finish(session, e, done);
                        } else {
                            advance(session, flow.start(), done);
                        }
                    });
                })
                .whenComplete((x, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e); // the session could not even start: the server logs it and lets the call go
                    }
                });
        return done;
    }

    /** Runs nodes while they complete at once; when one has to wait, continues from its completion. */
    private void advance(Session s, String nodeId, CompletableFuture<SessionResult> done) {
        String current = nodeId;
        while (current != null) {
            if (s.path.size() >= MAX_STEPS) {
                finish(s, new IllegalStateException("the flow visited " + MAX_STEPS + " nodes; stopped"), done);
                return;
            }
            Node node = s.flow.node(current);
            s.path.add(s.flow.name().equals(s.startFlow) ? current : s.flow.name() + ":" + current);
            CompletableFuture<String> next;
            try {
                next = step(s, node).toCompletableFuture();
            } catch (RuntimeException e) {
                finish(s, e, done);
                return;
            }
            if (!next.isDone()) {
                next.whenComplete((n, e) -> {
                    if (e != null) {
                        finish(s, e, done);
                    } else {
                        advance(s, n, done);
                    }
                });
                return;
            }
            try {
                current = next.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                finish(s, e, done);
                return;
            }
        }
        finish(s, null, done);
    }

    private CompletionStage<String> step(Session s, Node node) {
        if (node instanceof Collect || node instanceof OfferCallback) {
            s.typedAhead = null; // a key typed ahead answers a menu, a product choice or a survey question, not these
        }
        return switch (node) {
            case Play n -> Prompting.play(s, n);
            case Say n -> Prompting.say(s, n);
            case Menu n -> Prompting.menu(s, n, 1);
            case Collect n -> Prompting.collect(s, n, 1);
            case SurveyQuestion n -> Prompting.survey(s, n, 1);
            case LookupCaller n -> DeskSteps.lookupCaller(s, n);
            case PickProduct n -> DeskSteps.pickProduct(s, n);
            case FindProduct n -> DeskSteps.findProduct(s, n);
            case CreateRecord n -> DeskSteps.createRecord(s, n);
            case EstimateWait n -> DeskSteps.estimateWait(s, n);
            case OfferCallback n -> CallbackOffer.run(s, n);
            case Branch n -> Steps.goTo(n.cases().stream().filter(c -> c.condition().holds(s::get)).map(Branch.Case::target)
                    .findFirst().orElse(n.otherwise()));
            case SetVariables n -> {
                n.values().forEach((name, value) -> s.set(name, value.render(s::get)));
                yield Steps.goTo(n.next());
            }
            case Goto n -> Steps.goTo(n.target());
            case QueueCall n -> Endings.queue(s, n);
            case Transfer n -> Endings.transfer(s, n);
            case HangUp n -> Endings.hangUp(s, n);
            case ContinueIn n -> {
                Flow other = flows.apply(n.flow()).orElseThrow(() -> new IllegalStateException("no flow '" + n.flow() + "'"));
                s.flow = other;
                yield Steps.goTo(other.start());
            }
        };
    }

    private void finish(Session s, Throwable failure, CompletableFuture<SessionResult> done) {
        Throwable cause = failure == null ? null : rootCause(failure);
        boolean hungUp = cause instanceof CallerHungUp || s.channel.hungUp();
        // handed to a queue or a transfer but gone meanwhile: the dialplan has no caller to queue
        boolean handedOn = s.ending == Outcome.QUEUED || s.ending == Outcome.TRANSFERRED;
        Outcome outcome = cause instanceof CallerHungUp || hungUp && (s.ending == null || handedOn) ? Outcome.CALLER_HUNG_UP
                : cause != null && !(cause instanceof CallerHungUp) ? Outcome.FAILED
                : s.ending != null ? s.ending
                : s.callbackAsked ? Outcome.CALLBACK : s.recordAsked ? Outcome.RECORD_CREATED : Outcome.COMPLETED;
        Optional<String> problem = cause == null || cause instanceof CallerHungUp ? Optional.empty() : Optional.of(cause.toString());
        problem.ifPresent(p -> log.warn("IVR flow {} failed on {} at {}: {}", s.flow.name(), s.channel.call().uniqueid(),
                s.path.isEmpty() ? "start" : s.path.getLast(), p));
        SessionResult result = result(s, s.recordsCreated, s.callbacks, outcome, hungUp, problem);
        // the end is written after the session's other writes (one may still wait for a connection), so it names their records
        CompletableFuture<Void> ended = CompletableFuture.allOf(s.writes.toArray(CompletableFuture[]::new))
                .handle((x, e) -> null)
                .thenCompose(x -> services.sessionEnded(s.start, result(s, withLate(s.recordsCreated, s.recordsWritten),
                        withLate(s.callbacks, s.callbacksWritten), outcome, hungUp, problem)));
        desk.within(ended, "the IVR session's end").thenRun(() -> done.complete(result));
    }

    private static SessionResult result(Session s, List<Long> records, List<Long> callbacks, Outcome outcome, boolean hungUp,
                                        Optional<String> problem) {
        return new SessionResult(s.startFlow, s.startVersion, s.id, s.path, s.keys, s.handedOn, s.longValue("customer.id"), records,
                callbacks, outcome, hungUp, problem);
    }

    private static List<Long> withLate(List<Long> known, java.util.Collection<Long> late) {
        List<Long> all = new ArrayList<>(known);
        late.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return all;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
