package org.hotline.demo;

import org.hotline.bridge.AmiBridge;
import org.hotline.events.AgentState;
import org.hotline.pbxsim.PbxSim;
import org.hotline.pbxsim.agi.AgiCallScript;
import org.hotline.pbxsim.scenario.AgentScript;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.hotline.server.HotlineServer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;

/**
 * A hotline's day as pbx-sim plays it: a caller every few seconds (the archive's customers and
 * strangers), some going through the IVR first (repairs, consultations, callback requests),
 * waiting in the service or complaint queue with their own patience, rung to the agents who are
 * ready (the simulated ones, and the demo agent once they press Ready), who answer after a few
 * seconds and talk a while; the simulated agents take lunch breaks.
 */
final class DemoDay {

    private static final Logger log = LoggerFactory.getLogger(DemoDay.class);

    private final HotlineServer server;
    private final PbxSim pbx;
    private final DSLContext db;
    private final List<String> simulated;
    private final Random random = new Random();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
            .name("demo-day").factory());
    private final List<String> devices = new ArrayList<>();
    private final List<String> callers = new ArrayList<>();
    private int arrivals;

    DemoDay(HotlineServer server, PbxSim pbx, DSLContext db, List<String> simulated) {
        this.server = server;
        this.pbx = pbx;
        this.db = db;
        this.simulated = simulated;
    }

    void start() throws Exception {
        AmiBridge bridge = server.bridges().getFirst();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bridge.state() != AmiBridge.State.SYNCED && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        db.select(AGENT.INTERFACE).from(AGENT).where(AGENT.INTERFACE.isNotNull()).orderBy(AGENT.ID).fetch(AGENT.INTERFACE)
                .forEach(devices::add);
        db.select(CUSTOMER_PHONE.NUMBER).from(CUSTOMER_PHONE).orderBy(CUSTOMER_PHONE.ID).limit(500).fetch(CUSTOMER_PHONE.NUMBER)
                .forEach(n -> callers.add(n.startsWith("+86") ? n.substring(3) : n.replace("+", "")));
        for (String username : simulated) {
            String device = db.select(AGENT.INTERFACE).from(AGENT).where(AGENT.USERNAME.eq(username)).fetchOne(AGENT.INTERFACE);
            bridge.agentCommands().login("service", device, username, 0).get(10, TimeUnit.SECONDS);
            bridge.agentCommands().login("complaint", device, username, 0).get(10, TimeUnit.SECONDS);
        }
        ScriptedCalls calls = new ScriptedCalls(pbx);
        clock.scheduleWithFixedDelay(() -> safely(() -> call(calls, bridge)), 1, 5, TimeUnit.SECONDS);
        clock.scheduleWithFixedDelay(() -> safely(() -> breakTime(bridge)), 45, 45, TimeUnit.SECONDS);
    }

    private void call(ScriptedCalls calls, AmiBridge bridge) throws Exception {
        String number = random.nextInt(10) < 8 && !callers.isEmpty() ? callers.get(random.nextInt(callers.size()))
                : "139" + String.format("%08d", random.nextInt(100_000_000));
        String queue = random.nextInt(10) == 0 ? "complaint" : "service";
        CallScript call = new CallScript(number, "Caller", queue, Duration.ofSeconds(20 + random.nextInt(90)), Duration.ofSeconds(15),
                readyAgents(bridge));
        if (arrivals++ % 3 == 0) {
            // through the hotline flow first: a repair, a consultation, a callback request, a repair by serial; the flow picks the
            // queue, and the agents ready when the caller joins it are rung
            String[][] choices = {{"1", "1"}, {"4"}, {"6", "1", "1"}, {"2", "88886666#"}};
            calls.startThroughIvr("127.0.0.1", server.agiPort(), AgiCallScript.call("hotline", "-", number)
                    .pressing(choices[random.nextInt(choices.length)]).thinking(Duration.ofMillis(800)), call,
                    joined -> joined.withAgents(readyAgents(bridge)));
        } else {
            calls.start(call);
        }
    }

    /** Up to two of the agents ready now, in a random order, each answering after a few seconds and talking a while. */
    private List<AgentScript> readyAgents(AmiBridge bridge) {
        List<AgentScript> agents = new ArrayList<>();
        devices.stream().filter(d -> bridge.agentState(d) == AgentState.READY).forEach(d -> agents.add(
                AgentScript.answering(d, d, Duration.ofSeconds(2 + random.nextInt(4)), Duration.ofSeconds(10 + random.nextInt(30)))));
        java.util.Collections.shuffle(agents, random);
        return agents.stream().limit(2).toList();
    }

    /** Now and then a simulated agent goes to lunch, and one comes back. */
    private void breakTime(AmiBridge bridge) throws Exception {
        String username = simulated.get(random.nextInt(simulated.size()));
        String device = db.select(AGENT.INTERFACE).from(AGENT).where(AGENT.USERNAME.eq(username)).fetchOne(AGENT.INTERFACE);
        if (bridge.agentState(device) == AgentState.PAUSED) {
            bridge.agentCommands().ready(device).get(10, TimeUnit.SECONDS);
        } else if (bridge.agentState(device) == AgentState.READY) {
            bridge.agentCommands().pause(device, random.nextBoolean() ? "lunch" : "training").get(10, TimeUnit.SECONDS);
        }
    }

    private static void safely(ThrowingRunnable step) {
        try {
            step.run();
        } catch (Exception e) {
            log.warn("demo: {}", e.toString());
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
