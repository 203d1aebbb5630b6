package org.hotline.bridge;

import org.hotline.bridge.agents.AgentCommands;
import org.hotline.events.AgentState;
import org.hotline.events.AgentStateChanged;
import org.hotline.bridge.agents.AgentTracker;
import org.hotline.bridge.ami.client.ActionResult;
import org.hotline.bridge.callbacks.CallbackCallResult;
import org.hotline.bridge.callbacks.CallbackCalls;
import org.hotline.bridge.callbacks.CallbackDial;
import org.hotline.bridge.ami.client.AmiClient;
import org.hotline.bridge.ami.client.AmiListener;
import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.events.CallEvent;
import org.hotline.bridge.calls.CallTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Hotline's link to one Asterisk server: the AMI client, the call and agent trackers it feeds,
 * and the resync that follows every connect, FullyBooted and Reload (Asterisk does not replay what was
 * missed). Until a resync is done the state is {@link State#UNCERTAIN}.
 */
public final class AmiBridge implements AutoCloseable {

    public enum State { DISCONNECTED, UNCERTAIN, SYNCED }

    private static final Logger log = LoggerFactory.getLogger(AmiBridge.class);

    private final AmiSettings settings;
    private final CallTracker tracker;
    private final AgentTracker agents;
    private final AmiClient client;
    private final CallbackCalls callbackCalls;
    private final ScheduledExecutorService ticker;
    private final java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
    private volatile State state = State.DISCONNECTED;
    /** When the link last went down (System.nanoTime), and whether it was ever up. */
    private volatile long downSince = System.nanoTime();
    private volatile boolean everUp;
    /** When Asterisk last booted, as its FullyBooted said (null: not yet known). */
    private java.time.Instant bootedAt;
    /** Asterisk restarted since it was last seen: the resync under way puts the members back. */
    private boolean restarted;
    private volatile java.util.function.BiConsumer<java.util.Set<String>, java.time.Instant> resynced = (active, at) -> { };
    private volatile Consumer<java.util.Map<String, AgentTracker.Standing>> synced = standings -> { };

    /**
     * @param calls where the normalized call events go (called on the bridge's event thread)
     * @param agentChanges where agent state changes go (same thread)
     * @param wrapUp an agent's after-call work time
     */
    public AmiBridge(AmiSettings settings, Clock clock, Consumer<CallEvent> calls, Consumer<AgentStateChanged> agentChanges,
                     Duration wrapUp) {
        this.settings = settings;
        this.tracker = new CallTracker(settings.name(), clock, calls);
        this.agents = new AgentTracker(settings.name(), clock, wrapUp, change -> {
            holdForWrapUp(change);
            agentChanges.accept(change);
        });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("ami-tick-" + settings.name())
                .daemon().unstarted(r));
        this.client = new AmiClient(settings, new AmiListener() {
            @Override
            public void onEvent(AmiMessage event) {
                String name = event.getOrEmpty("Event");
                // Asterisk (re)started or reloaded: what we know may be stale. The FullyBooted that
                // follows every login finds the resync of that connect already under way.
                if (name.equals("FullyBooted")) {
                    noteBoot(event);
                }
                if (name.equals("Shutdown")) { // going down (core restart, core stop): it comes back with empty queues
                    restarted = true;
                }
                if ((name.equals("FullyBooted") || name.equals("Reload")) && state != State.UNCERTAIN) {
                    resync(name);
                }
                tracker.on(event);
                agents.on(event);
                callbackCalls.on(event);
            }

            @Override
            public void onConnected(AmiClient connected) {
                everUp = true;
                resync("connect");
            }

            @Override
            public void onDisconnected(String reason) {
                downSince = System.nanoTime();
                state = State.DISCONNECTED;
            }
        });
        this.callbackCalls = new CallbackCalls(settings.name(), client);
    }

    /**
     * Told, after each resync, the Linkedids of the calls Asterisk had in progress when it was
     * asked, and when it was asked: calls offered before then and not listed are over (see
     * {@link org.hotline.bridge.calls.CallRecorder#closeCallsNotIn}). Set before start.
     */
    public AmiBridge onResync(java.util.function.BiConsumer<java.util.Set<String>, java.time.Instant> listener) {
        this.resynced = listener;
        return this;
    }

    /**
     * Told the agents' standings whenever one changes (device, standing), and all of them when a
     * resync is done (the state then is Asterisk's as it was asked): for nodes that do not follow
     * this server. On the event thread. Set before start.
     */
    public AmiBridge onStandings(java.util.function.BiConsumer<String, AgentTracker.Standing> changed,
                                 Consumer<java.util.Map<String, AgentTracker.Standing>> all) {
        agents.onStanding(changed);
        this.synced = all;
        return this;
    }

    /** The Asterisk server's name, as configured. */
    public String name() {
        return settings.name();
    }

    public AmiBridge start() {
        client.start();
        // wrap-ups end and calls whose last events never came are closed, on the event thread
        ticker.scheduleAtFixedRate(() -> client.runOnEventThread(() -> {
            agents.tick().forEach(agentInterface -> agentCommands().ready(agentInterface).whenComplete((r, e) -> {
                if (e != null) {
                    log.warn("AMI {}: {} could not be unpaused after wrap-up: {}", settings.name(), agentInterface, e.toString());
                }
            }));
            tracker.sweep();
            ticks.incrementAndGet();
        }), 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** How many times the bridge has looked for wrap-ups to end and calls to close: something to wait for rather than a time. */
    public long ticks() {
        return ticks.get();
    }

    /**
     * An agent's call ended and their wrap-up began: they are paused in Asterisk for it
     * ({@link AgentTracker#WRAP_UP_REASON}), so that the queue does not ring them meanwhile;
     * {@link AgentTracker#tick} says when to unpause them.
     */
    private void holdForWrapUp(AgentStateChanged change) {
        if (change.to() == org.hotline.events.AgentState.WRAP_UP && change.from() == org.hotline.events.AgentState.TALKING
                && state == State.SYNCED) {
            agents.holding(change.agentInterface());
            agentCommands().pause(change.agentInterface(), AgentTracker.WRAP_UP_REASON).whenComplete((r, e) -> {
                if (e != null) {
                    log.warn("AMI {}: {} could not be paused for wrap-up: {}", settings.name(), change.agentInterface(), e.toString());
                }
            });
        }
    }

    /** Places a callback call (agent first, then the customer) and tells how it went. */
    public java.util.concurrent.CompletableFuture<CallbackCallResult> placeCallback(CallbackDial dial) {
        return callbackCalls.place(dial);
    }

    /** Log in, log out, pause, ready: as AMI actions on this server. */
    public AgentCommands agentCommands() {
        return new AgentCommands(client);
    }

    public AgentState agentState(String agentInterface) {
        return agents.stateOf(agentInterface);
    }

    /** The agent's state as last reported, with since when; empty for a device this link has not seen. */
    public java.util.Optional<org.hotline.bridge.agents.AgentTracker.Standing> agentStanding(String agentInterface) {
        return agents.standingOf(agentInterface);
    }

    public State state() {
        return state;
    }

    /** How long the link has been down (empty while it is up): a follower lets go of a link lost too long. */
    public java.util.Optional<Duration> downFor() {
        return state == State.DISCONNECTED ? java.util.Optional.of(Duration.ofNanos(System.nanoTime() - downSince))
                : java.util.Optional.empty();
    }

    /** Whether this bridge's link was ever up (logged in). */
    public boolean everUp() {
        return everUp;
    }

    public AmiClient client() {
        return client;
    }

    /** Calls in progress as far as this bridge knows. */
    public int activeCalls() {
        return tracker.activeCalls();
    }

    /**
     * Marks the state uncertain and rebuilds it from CoreShowChannels and QueueStatus. Runs on the
     * event thread; the answers are applied there too, in order with the events.
     */
    private void resync(String why) {
        state = State.UNCERTAIN;
        if (!client.isConnected()) {
            return;
        }
        java.time.Instant askedAt = java.time.Instant.now();
        CompletableFuture<ActionResult> channels = client.sendForList(AmiMessage.action("CoreShowChannels"));
        CompletableFuture<ActionResult> queues = client.sendForList(AmiMessage.action("QueueStatus"));
        channels.thenCombine(queues, (c, q) -> List.of(c, q)).whenComplete((answers, error) -> {
            if (error != null) {
                log.warn("AMI {}: resync after {} failed ({}); state stays uncertain until the next connect",
                        settings.name(), why, error.getMessage());
                return;
            }
            client.runOnEventThread(() -> {
                java.util.Set<String> active = answers.get(0).events().stream().map(e -> e.getOrEmpty("Linkedid"))
                        .filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.toSet());
                tracker.reset(active);
                resynced.accept(active, askedAt);
                tracker.adopt(answers.get(0).events(), answers.get(1).events().stream()
                        .filter(e -> e.getOrEmpty("Event").equals("QueueEntry")).toList());
                List<org.hotline.bridge.agents.AgentTracker.Membership> before = agents.memberships();
                agents.adopt(answers.get(1).events().stream().filter(e -> e.getOrEmpty("Event").equals("QueueMember")).toList());
                if (restarted) {
                    restarted = false;
                    putBack(before);
                }
                state = State.SYNCED;
                synced.accept(agents.standings());
                log.info("AMI {}: in sync after {} ({} call(s) in progress)", settings.name(), why, tracker.activeCalls());
            });
        });
    }

    /**
     * Asterisk tells its uptime at every login (FullyBooted): a boot later than the one known means
     * it restarted meanwhile (also when its Shutdown event was missed), and with
     * {@code persistentmembers = no} its queues lost every member.
     */
    private void noteBoot(AmiMessage fullyBooted) {
        long uptime;
        try {
            uptime = Long.parseLong(fullyBooted.getOrEmpty("Uptime").trim());
        } catch (NumberFormatException e) {
            return;
        }
        java.time.Instant boot = java.time.Instant.now().minusSeconds(uptime);
        if (bootedAt != null && boot.isAfter(bootedAt.plusSeconds(2))) { // uptime is in whole seconds
            restarted = true;
        }
        bootedAt = boot;
    }

    /**
     * After a restart: every agent who was in queues before it and is in none now is logged in
     * again, in the same queues with the same penalties, and paused again with the same reason.
     */
    private void putBack(List<org.hotline.bridge.agents.AgentTracker.Membership> before) {
        int restored = 0;
        AgentCommands commands = agentCommands();
        for (var member : before) {
            if (agents.stateOf(member.agentInterface()) != AgentState.LOGGED_OUT) {
                continue; // still (or again) a member: not ours to touch
            }
            restored++;
            CompletableFuture<?> done = CompletableFuture.completedFuture(null);
            for (var queue : member.queues().entrySet()) {
                done = done.thenCompose(x -> commands.login(queue.getKey(), member.agentInterface(), member.memberName(), queue.getValue()));
            }
            // a break is a break still; wrap-up and a callback's hold were the bridge's, and end with the restart
            if (!member.pausedReason().isEmpty() && !member.pausedReason().equals(org.hotline.bridge.agents.AgentTracker.WRAP_UP_REASON)
                    && !member.pausedReason().equals(org.hotline.bridge.agents.AgentTracker.CALLBACK_REASON)) {
                done = done.thenCompose(x -> commands.pause(member.agentInterface(), member.pausedReason()));
            }
            done.whenComplete((x, e) -> {
                if (e != null) {
                    log.warn("AMI {}: {} could not be put back in its queues after the restart: {}", settings.name(),
                            member.agentInterface(), e.getMessage());
                }
            });
        }
        if (restored > 0) {
            log.info("AMI {}: Asterisk restarted; putting {} agent(s) back in their queues", settings.name(), restored);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        client.close();
    }
}
