package org.hotline.bench.calls;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.User;
import org.hotline.pbxsim.scenario.AgentScript;
import org.jooq.DSLContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agents: signed in on /ws/agent (each pop's latency is from its AgentCalled leaving pbx-sim
 * to the pop frame at the socket), and taking calls as a queue would give them: a free agent
 * rings, answers, talks, and is free again after the wrap-up.
 */
public final class Agents {

    private final ConcurrentLinkedDeque<Integer> free = new ConcurrentLinkedDeque<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final Duration ringFor;
    private final Duration talkFor;
    private final Duration busyFor;
    public final List<Long> popNanos = new CopyOnWriteArrayList<>();
    volatile int noneFree;
    private WebSocketClient sockets;
    /** Sockets the server closed, with its code and reason (none should be). */
    final List<String> closed = new CopyOnWriteArrayList<>();

    private final int first;
    private final int count;

    public Agents(int count, Duration ringFor, Duration talkFor, Duration wrapUp) {
        this(0, count, ringFor, talkFor, wrapUp);
    }

    /** Agents {@code first} to {@code first + count - 1} (devices {@link #device}) only. */
    public Agents(int first, int count, Duration ringFor, Duration talkFor, Duration wrapUp) {
        this.first = first;
        this.count = count;
        for (int i = first; i < first + count; i++) {
            free.add(i);
        }
        this.ringFor = ringFor;
        this.talkFor = talkFor;
        this.busyFor = ringFor.plus(talkFor).plus(wrapUp).plusSeconds(1);
    }

    public static String device(int agent) {
        return "PJSIP/9" + agent;
    }

    /** The bench agents in the database (made once; device {@link #device}), shared with bench/pops.sh; their ids in order. */
    public static List<Long> ensure(DSLContext db, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "bench" + i;
            Long id = db.resultQuery("SELECT id FROM agent WHERE username = ?", name).fetchOptional(r -> r.get(0, Long.class)).orElse(null);
            if (id == null) {
                id = db.resultQuery("INSERT INTO agent (username, display_name, interface) VALUES (?, ?, ?) RETURNING id",
                        name, "Bench " + i, device(i)).fetchOne().get(0, Long.class);
            }
            ids.add(id);
        }
        return ids;
    }

    /** The key under which a ring's moment is noted in {@code emitted}, from its AgentCalled event (Linkedid and Interface). */
    public static String ringKey(String linkedid, String agentInterface) {
        return "AgentCalled " + linkedid + " " + agentInterface;
    }

    /**
     * Signs each of these agents in on /ws/agent ({@code ids}: every bench agent's id, by number), agent
     * {@code i} on the node {@code httpPorts[i % size]}; a pop's latency is measured against {@code emitted}
     * (by {@link #ringKey}: two Asterisks may give the same Linkedid).
     */
    public void connect(Vertx vertx, List<Integer> httpPorts, AccessTokens tokens, DSLContext db, List<Long> ids, Map<String, Long> emitted) {
        // held for the run: a client nobody references is closed by Vert.x when it is collected, its sockets with it
        sockets = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setMaxConnections(5000));
        for (int i = first; i < first + count; i++) {
            long agent = ids.get(i);
            var socket = sockets.connect(httpPorts.get(i % httpPorts.size()), "127.0.0.1", "/ws/agent").await();
            socket.closeHandler(v -> closed.add(socket.closeStatusCode() + " " + socket.closeReason()));
            socket.textMessageHandler(text -> {
                long now = System.nanoTime();
                JsonObject message = new JsonObject(text);
                if ("screen_pop".equals(message.getString("type"))) {
                    JsonObject pop = message.getJsonObject("payload");
                    Long sent = emitted.remove(ringKey(pop.getString("linkedid"), pop.getString("agentInterface")));
                    if (sent != null) {
                        popNanos.add(now - sent);
                    }
                }
            });
            var login = new org.hotline.api.auth.RefreshTokens(Duration.ofDays(1)).start(db, agent, java.time.Instant.now()).login();
            socket.writeTextMessage(new JsonObject().put("type", "auth").put("token",
                    tokens.issue(new User(agent, "bench", "", Role.AGENT), login)).encode()).await();
        }
    }

    /** A free agent to ring, busy until their wrap-up is over; none (the caller waits, then gives up) when all are busy. */
    List<AgentScript> take() {
        Integer agent = free.poll();
        if (agent == null) {
            noneFree++;
            return List.of();
        }
        later.schedule(() -> free.add(agent), busyFor.toMillis(), TimeUnit.MILLISECONDS);
        return List.of(AgentScript.answering(device(agent), "Bench " + agent, ringFor, talkFor));
    }

    void close() {
        later.shutdownNow();
    }
}
