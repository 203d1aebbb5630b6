package org.hotline.pbxsim.scenario;

import org.hotline.pbxsim.wire.AmiFrame;
import org.hotline.pbxsim.PbxSim;
import org.hotline.pbxsim.agi.AgiCall;
import org.hotline.pbxsim.agi.AgiCallScript;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Plays scripted inbound queue calls on a {@link PbxSim}, sending the AMI events Asterisk 22
 * sends for them, in the recorded order: the caller's channels, QueueCallerJoin, each agent
 * rung (AgentCalled), AgentRingNoAnswer at the ring timeout, AgentConnect and AgentComplete
 * when an agent answers and hangs up, QueueCallerAbandon when the caller's patience runs out,
 * and the Hangups. Times are real; scale them down in tests.
 */
public final class ScriptedCalls implements AutoCloseable {

    private final PbxSim pbx;
    private final EventTemplates templates = EventTemplates.fromTraces();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("pbx-sim-calls").daemon().unstarted(r));
    private final AtomicLong sequence = new AtomicLong(100);
    private final AtomicLong channelNumber = new AtomicLong(0x100);
    private volatile java.util.Random reorder;
    private final WaitingLine<Call> line = new WaitingLine<>(); // touched on the timer thread only
    private volatile String agiHost;
    private volatile int agiPort;

    public ScriptedCalls(PbxSim pbx) {
        this.pbx = pbx;
    }

    /**
     * Fault: the events a call sends at one moment (several in a row: the answer, the end)
     * go out in a random order, as they can when Asterisk's threads race.
     */
    public ScriptedCalls reorderingWithinCalls(long seed) {
        reorder = new java.util.Random(seed);
        return this;
    }

    /** Where the dialplan's FastAGI runs flows from the queue (the exit context's virtual hold). */
    public ScriptedCalls withFastAgi(String host, int port) {
        this.agiHost = host;
        this.agiPort = port;
        return this;
    }

    /** Starts a call now; returns its Linkedid. */
    public String start(CallScript script) {
        Call call = new Call(script);
        timer.execute(call.step(call::begin));
        return call.linkedid;
    }

    /**
     * Starts a call that passes through the IVR first, as in trace 06: the caller's channels
     * appear, the dialplan runs {@code ivr} over FastAGI on the caller's leg (AGIExecStart /
     * AGIExecEnd around the session; this runs the real session against {@code agiHost:agiPort}),
     * then does what the flow handed back: {@code HOTLINE_ACTION=queue} joins {@code HOTLINE_QUEUE}
     * and plays {@code queueCall} from there, its events carrying the variables manager.conf's
     * {@code channelvars} names ({@link #CHANNEL_VARIABLES}); anything else hangs up.
     */
    public CompletableFuture<IvrPassage> startThroughIvr(String agiHost, int agiPort,
            AgiCallScript ivr, CallScript queueCall) {
        return startThroughIvr(agiHost, agiPort, ivr, queueCall, java.util.function.UnaryOperator.identity());
    }

    /**
     * As {@link #startThroughIvr(String, int, AgiCallScript, CallScript)}, the queue call made
     * over by {@code atJoin} when the caller joins the queue (say, to ring the agents ready then).
     */
    public CompletableFuture<IvrPassage> startThroughIvr(String agiHost, int agiPort, AgiCallScript ivr, CallScript queueCall,
                                                        java.util.function.UnaryOperator<CallScript> atJoin) {
        Call call = new Call(queueCall);
        var passage = new CompletableFuture<IvrPassage>();
        timer.execute(call.step(() -> {
            call.appear();
            call.agiStarts();
        }));
        AgiCallScript onThisChannel = new AgiCallScript(ivr.script(),
                call.channel + ";2", call.callerLeg2, queueCall.callerNumber(), queueCall.callerName(), ivr.inputs(),
                ivr.hangUpDuringCommand(), ivr.arguments(), ivr.language(), ivr.thinkTime(), ivr.bargesIn());
        Thread.ofVirtual().name("pbx-sim-ivr-" + call.linkedid).start(() -> {
            var agi = new AgiCall(onThisChannel);
            List<String> exchange = List.of();
            boolean failed = false;
            try {
                exchange = agi.run(agiHost, agiPort, pbx.host());
            } catch (IOException e) {
                failed = true; // Asterisk: AGISTATUS=FAILURE, and the dialplan falls back to the queue
            }
            Map<String, String> handedOn = agi.variables();
            boolean queued = failed || "queue".equals(handedOn.get("HOTLINE_ACTION"));
            boolean hungUp = ivr.hangUpDuringCommand() > 0 && agi.commandsReceived() >= ivr.hangUpDuringCommand();
            IvrPassage result = new IvrPassage(call.linkedid, call.callerLeg2, handedOn, exchange, queued && !hungUp,
                    List.copyOf(agi.turnaroundNanos()));
            timer.execute(call.step(() -> {
                // as Asterisk does with manager.conf's channelvars: once the AGI has set them on the caller's
                // channel, every later event of that channel carries them (AGIExecEnd, the queue, the Hangup)
                Map<String, String> exported = new LinkedHashMap<>();
                CHANNEL_VARIABLES.forEach(name -> exported.put(name, handedOn.getOrDefault(name, "")));
                if (exported.values().stream().anyMatch(v -> !v.isEmpty())) {
                    call.script = call.script.withVariables(exported);
                }
                call.agiEnds();
                if (result.queued()) {
                    call.script = atJoin.apply(queueCall.inQueue(handedOn.getOrDefault("HOTLINE_QUEUE", queueCall.queue()))
                            .withVariables(exported));
                    call.join();
                } else {
                    call.over = true;
                    call.hangUpCaller();
                }
            }));
            passage.complete(result);
        });
        return passage;
    }

    /** What the IVR did with a call started by {@link #startThroughIvr}: the variables it handed on, the AGI exchange. */
    /** {@code turnaroundNanos}: for each command, from pbx-sim's reply to the one before (or the request) to the command's arrival. */
    public record IvrPassage(String linkedid, String uniqueid, Map<String, String> variables, List<String> exchange,
                             boolean queued, List<Long> turnaroundNanos) {
    }

    /** The channel variables deploy/asterisk/manager.conf exports with every event ({@code channelvars}). */
    public static final List<String> CHANNEL_VARIABLES = List.of("HOTLINE_RECORD_ID", "HOTLINE_IVR_SESSION_ID", "HOTLINE_CUSTOMER_ID",
            "HOTLINE_INTENT", "HOTLINE_KEY_CUSTOMER", "HOTLINE_CALLBACK_ID");

    /**
     * Starts a call whose caller first spends {@code inIvr} in the IVR (AGIExecStart, then
     * AGIExecEnd and the queue; no FastAGI session is run: for load, where only the AMI side
     * matters); returns its Linkedid.
     */
    public String startAfterIvr(CallScript script, Duration inIvr) {
        Call call = new Call(script);
        timer.execute(call.step(() -> {
            call.appear();
            call.agiStarts();
        }));
        timer.schedule(call.step(() -> {
            call.agiEnds();
            call.join();
        }), inIvr.toMillis(), TimeUnit.MILLISECONDS);
        return call.linkedid;
    }

    /** Starts {@code perSecond} calls a second for {@code duration}, each from {@code next}. */
    public void arrivals(double perSecond, Duration duration, IntFunction<CallScript> next) {
        arrivals(perSecond, duration, next, Duration.ZERO);
    }

    /** As {@link #arrivals(double, Duration, IntFunction)}, each caller first {@code inIvr} in the IVR. */
    public void arrivals(double perSecond, Duration duration, IntFunction<CallScript> next, Duration inIvr) {
        long count = (long) (perSecond * duration.toMillis() / 1000.0);
        for (int i = 0; i < count; i++) {
            int n = i;
            timer.schedule(() -> {
                if (inIvr.isZero()) {
                    start(next.apply(n));
                } else {
                    startAfterIvr(next.apply(n), inIvr);
                }
            }, (long) (i * 1000.0 / perSecond), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One call in progress; all its steps run on the timer thread. */
    private final class Call {
        CallScript script;
        final String linkedid = nextUniqueid();
        final String callerLeg2 = nextUniqueid();
        final String channel = "Local/4008@hotline-queue-" + String.format("%08x", channelNumber.incrementAndGet());
        Instant joinedAt;
        Instant stretchStartedAt; // this Queue() run's start
        int stretch;              // Queue() runs ended by a key so far: what was scheduled for an earlier run is void
        boolean keyPressed;
        int ringIndex;
        boolean over;
        String[] ringing; // the agent leg being rung: channel, uniqueid
        java.util.concurrent.ScheduledFuture<?> patience;

        Call(CallScript script) {
            this.script = script;
        }

        final java.util.List<AmiFrame> pending = new ArrayList<>();

        /** Runs one step of the call, sending what it emitted at the end (reordered, if asked). */
        Runnable step(Runnable body) {
            return () -> {
                body.run();
                java.util.Random r = reorder;
                if (r != null) {
                    java.util.Collections.shuffle(pending, r);
                }
                pending.forEach(pbx::emit);
                pending.clear();
            };
        }

        void begin() {
            appear();
            join();
        }

        /** The caller's channels (a Local pair, as in the recordings). */
        void appear() {
            emit("Newchannel", Map.of("Channel", channel + ";1", "Uniqueid", linkedid, "Linkedid", linkedid));
            emit("Newchannel", Map.of("Channel", channel + ";2", "Uniqueid", callerLeg2, "Linkedid", linkedid));
        }

        /** The dialplan hands the caller's leg to FastAGI (the first command, as in trace 06). */
        void agiStarts() {
            emit("AGIExecStart", caller(Map.of("CommandId", "1", "Command", "ANSWER")));
        }

        /** The FastAGI session is over: the dialplan goes on. */
        void agiEnds() {
            emit("AGIExecEnd", caller(Map.of("CommandId", "1", "Command", "ANSWER", "ResultCode", "200", "Result", "Success")));
        }

        /** The keys pressed, then the queue: joined, agents rung in turn, patience running. */
        void join() {
            for (char digit : script.dtmf().toCharArray()) {
                pressKey(digit);
            }
            joinedAt = Instant.now();
            patience = timer.schedule(step(this::abandon), script.patience().toMillis(), TimeUnit.MILLISECONDS);
            enterQueue(0);
        }

        /** Queue() runs: at {@code position} (1 the head; 0 the back), the agents rung from where ringing stopped. */
        void enterQueue(int position) {
            stretchStartedAt = Instant.now();
            int at = line.enter(script.queue(), this, position);
            emit("QueueCallerJoin", caller(Map.of("Queue", script.queue(), "Position", String.valueOf(at),
                    "Count", String.valueOf(line.count(script.queue())))));
            CallScript.QueueKey key = script.queueKey();
            if (key != null && !keyPressed) {
                timer.schedule(step(this::leaveByKey), key.after().toMillis(), TimeUnit.MILLISECONDS);
            }
            ring(ringIndex);
        }

        /**
         * The caller presses a key the queue's exit context has: Queue() ends (QueueCallerLeave, an agent
         * being rung stops ringing) and that context's dialplan sends them back to the queue, with the
         * place they had when it passes QUEUEPOSITION as Queue's position argument, else at the back.
         */
        void leaveByKey() {
            if (over) {
                return;
            }
            keyPressed = true;
            stretch++;
            pressKey(script.queueKey().key());
            stopRinging();
            int position = leaveQueue();
            if (script.queueKey().virtualHold() != null) {
                virtualHold(position);
                return;
            }
            enterQueue(script.queueKey().keepsPlace() ? position : 0);
        }

        /**
         * The exit context's extension 1 (deploy/asterisk/extensions.conf): AGI(virtual-hold, queue=...,
         * priority=..., record=..., customer=..., intent=...) on the caller's channel; then the call
         * ends if the flow said {@code hangup}, else the caller goes back to their place.
         */
        void virtualHold(int position) {
            if (agiHost == null) {
                throw new IllegalStateException("virtual hold needs ScriptedCalls.withFastAgi(host, port)");
            }
            agiStarts();
            var flow = script.queueKey().virtualHold();
            var vars = script.variables();
            var onThisChannel = new AgiCallScript("virtual-hold", channel + ";2", callerLeg2, script.callerNumber(), script.callerName(),
                    flow.inputs(), flow.hangUpDuringCommand(), List.of("queue=" + script.queue(), "priority=0",
                    "record=" + vars.getOrDefault("HOTLINE_RECORD_ID", ""), "customer=" + vars.getOrDefault("HOTLINE_CUSTOMER_ID", ""),
                    "intent=" + vars.getOrDefault("HOTLINE_INTENT", "")), flow.language(), flow.thinkTime(), flow.bargesIn());
            Thread.ofVirtual().name("pbx-sim-virtual-hold-" + linkedid).start(() -> {
                var agi = new AgiCall(onThisChannel);
                try {
                    agi.run(agiHost, agiPort, pbx.host());
                } catch (IOException e) {
                    // AGISTATUS=FAILURE: the dialplan sends the caller back to the queue
                }
                Map<String, String> handedOn = agi.variables();
                timer.execute(step(() -> {
                    Map<String, String> exported = new LinkedHashMap<>(script.variables());
                    CHANNEL_VARIABLES.forEach(name -> {
                        if (handedOn.containsKey(name)) {
                            exported.put(name, handedOn.get(name));
                        }
                    });
                    script = script.withVariables(exported);
                    agiEnds();
                    if ("hangup".equals(handedOn.get("HOTLINE_ACTION"))) {
                        over = true;
                        patience.cancel(false);
                        hangUpCaller();
                    } else {
                        enterQueue(position);
                    }
                }));
            });
        }

        /** Leaves the queue's line: QueueCallerLeave with the place the caller had; returns that place. */
        int leaveQueue() {
            int position = line.leave(script.queue(), this);
            emit("QueueCallerLeave", caller(Map.of("Queue", script.queue(), "Position", String.valueOf(position),
                    "Count", String.valueOf(line.count(script.queue())))));
            return position;
        }

        void pressKey(char digit) {
            Map<String, String> key = Map.of("Channel", channel + ";2", "Uniqueid", callerLeg2, "Linkedid", linkedid,
                    "Digit", String.valueOf(digit));
            emit("DTMFBegin", key);
            emit("DTMFEnd", key);
        }

        void stopRinging() {
            if (ringing != null) {
                emit("Hangup", Map.of("Channel", ringing[0], "Uniqueid", ringing[1], "Linkedid", linkedid, "Cause", "0",
                        "Cause-txt", "Unknown"));
                ringing = null;
            }
        }

        void ring(int index) {
            if (over) {
                return;
            }
            ringIndex = index;
            if (index >= script.agents().size()) {
                return; // nobody left to ring: the caller waits until their patience runs out
            }
            int inStretch = stretch;
            AgentScript agent = script.agents().get(index);
            String agentLeg = nextUniqueid();
            String agentChannel = agent.agentInterface().replace("/n", "") + "-" + String.format("%08x", channelNumber.incrementAndGet()) + ";1";
            emit("Newchannel", Map.of("Channel", agentChannel, "Uniqueid", agentLeg, "Linkedid", linkedid));
            emit("AgentCalled", caller(agentFields(agent, agentChannel, agentLeg)));
            ringing = new String[] {agentChannel, agentLeg};
            Instant rungAt = Instant.now();
            if (agent.answers() && agent.answerAfter().compareTo(script.ringTimeout()) < 0) {
                timer.schedule(step(() -> {
                    if (stretch == inStretch) {
                        answer(agent, agentChannel, agentLeg, rungAt);
                    }
                }), agent.answerAfter().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                timer.schedule(step(() -> {
                    if (over || stretch != inStretch) {
                        return;
                    }
                    Map<String, String> values = new HashMap<>(agentFields(agent, agentChannel, agentLeg));
                    values.put("RingTime", String.valueOf(script.ringTimeout().toMillis()));
                    emit("AgentRingNoAnswer", caller(values));
                    emit("Hangup", Map.of("Channel", agentChannel, "Uniqueid", agentLeg, "Linkedid", linkedid, "Cause", "0",
                            "Cause-txt", "Unknown"));
                    ringing = null;
                    ring(index + 1);
                }), script.ringTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        void answer(AgentScript agent, String agentChannel, String agentLeg, Instant rungAt) {
            if (over) {
                return;
            }
            patience.cancel(false);
            // Asterisk's HoldTime: since this Queue() began (a caller sent back by the exit context starts again)
            long hold = Duration.between(stretchStartedAt, Instant.now()).toSeconds();
            long ring = Duration.between(rungAt, Instant.now()).toSeconds();
            leaveQueue();
            Map<String, String> connect = new HashMap<>(agentFields(agent, agentChannel, agentLeg));
            connect.put("HoldTime", String.valueOf(hold));
            connect.put("RingTime", String.valueOf(ring));
            emit("AgentConnect", caller(connect));
            timer.schedule(step(() -> {
                Map<String, String> complete = new HashMap<>(agentFields(agent, agentChannel, agentLeg));
                complete.put("HoldTime", String.valueOf(hold));
                complete.put("TalkTime", String.valueOf(agent.talkFor().toSeconds()));
                complete.put("Reason", "agent");
                emit("Hangup", Map.of("Channel", agentChannel, "Uniqueid", agentLeg, "Linkedid", linkedid, "Cause", "16",
                        "Cause-txt", "Normal Clearing"));
                emit("AgentComplete", caller(complete));
                hangUpCaller();
            }), agent.talkFor().toMillis(), TimeUnit.MILLISECONDS);
            over = true; // no further ringing or abandon
        }

        void abandon() {
            if (over) {
                return;
            }
            over = true;
            long hold = Duration.between(stretchStartedAt, Instant.now()).toSeconds();
            stopRinging();
            int position = line.positionOf(script.queue(), this);
            emit("Hangup", Map.of("Channel", channel + ";1", "Uniqueid", linkedid, "Linkedid", linkedid, "Cause", "16",
                    "Cause-txt", "Normal Clearing", "CallerIDNum", script.callerNumber(), "CallerIDName", script.callerName()));
            emit("QueueCallerAbandon", caller(Map.of("Queue", script.queue(), "Position", String.valueOf(position),
                    "OriginalPosition", String.valueOf(position), "HoldTime", String.valueOf(hold))));
            leaveQueue();
            emit("Hangup", caller(Map.of("Cause", "16", "Cause-txt", "Normal Clearing")));
        }

        void hangUpCaller() {
            emit("Hangup", caller(Map.of("Cause", "16", "Cause-txt", "Normal Clearing")));
            emit("Hangup", Map.of("Channel", channel + ";1", "Uniqueid", linkedid, "Linkedid", linkedid, "Cause", "16",
                    "Cause-txt", "Normal Clearing", "CallerIDNum", script.callerNumber(), "CallerIDName", script.callerName()));
        }

        /** The caller's leg of the queue call: the channel most queue events are about. */
        Map<String, String> caller(Map<String, String> more) {
            Map<String, String> values = new HashMap<>(more);
            values.putIfAbsent("Channel", channel + ";2");
            values.putIfAbsent("Uniqueid", callerLeg2);
            values.put("Linkedid", linkedid);
            values.putIfAbsent("CallerIDNum", script.callerNumber());
            values.putIfAbsent("CallerIDName", script.callerName());
            values.putIfAbsent("ConnectedLineNum", script.callerNumber());
            values.putIfAbsent("ConnectedLineName", script.callerName());
            return values;
        }

        Map<String, String> agentFields(AgentScript agent, String agentChannel, String agentLeg) {
            return Map.of("Queue", script.queue(), "Interface", agent.agentInterface(), "MemberName", agent.memberName(),
                    "DestChannel", agentChannel, "DestUniqueid", agentLeg, "DestLinkedid", linkedid,
                    "DestCallerIDNum", script.callerNumber(), "DestCallerIDName", script.callerName());
        }

        void emit(String event, Map<String, String> values) {
            AmiFrame message = templates.make(event, values);
            if (!script.variables().isEmpty() && (channel + ";2").equals(values.get("Channel"))) {
                List<AmiFrame.Header> headers = new ArrayList<>(message.headers());
                script.variables().forEach((name, value) -> headers.add(
                        new AmiFrame.Header("ChanVariable", name + "=" + value)));
                message = new AmiFrame(headers, List.of());
            }
            pending.add(message);
        }
    }

    private String nextUniqueid() {
        return Instant.now().getEpochSecond() + "." + sequence.incrementAndGet();
    }

    /** The kinds of event the scripts send. */
    public static List<String> kinds() {
        return List.of("Newchannel", "AGIExecStart", "AGIExecEnd", "DTMFBegin", "DTMFEnd", "QueueCallerJoin", "AgentCalled", "AgentRingNoAnswer", "QueueCallerLeave", "AgentConnect",
                "AgentComplete", "QueueCallerAbandon", "Hangup");
    }
}
