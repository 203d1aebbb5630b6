package org.hotline.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.hotline.bridge.AmiBridge;
import org.hotline.bridge.agi.AgiServer;
import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.bridge.calls.CallRecorder;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.events.DomainEventBus;
import org.hotline.desk.events.EventRelay;
import org.hotline.desk.timers.DueCallbacks;
import org.hotline.desk.timers.DueSlaClocks;
import org.hotline.desk.timers.TimerScheduler;
import org.hotline.server.config.HotlineConfig;
import org.hotline.server.embedded.DataDirectoryLock;
import org.hotline.server.embedded.EmbeddedPostgresServer;
import org.hotline.server.embedded.EmbeddedRedisServer;
import org.hotline.server.http.HealthRoutes;
import org.hotline.server.http.MetricsRoutes;
import org.hotline.server.http.Readiness;
import org.hotline.server.metrics.ServerMetrics;
import org.hotline.server.store.Database;
import org.hotline.server.store.LiveStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running Hotline server: the wiring of configuration, stores and HTTP. HTTP comes up
 * first (live at once, ready only when the database, its migrations and Redis are), then the
 * stores; {@link #close()} stops everything in reverse order, embedded servers included.
 */
public final class HotlineServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HotlineServer.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    /** Where domain events are published on the Vert.x event bus, as JSON envelopes. */
    public static final String EVENTS_ADDRESS = "hotline.events";
    /** Where normalized call events are published, as JSON envelopes. */
    public static final String CALLS_ADDRESS = "hotline.calls";
    /** Where agent state changes are published, as JSON envelopes. */
    public static final String AGENTS_ADDRESS = "hotline.agents";

    private final HotlineConfig config;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Vertx vertx;
    private final ServerMetrics metrics;
    private volatile HttpServer http;
    private volatile HttpServer management;
    private Readiness readiness;
    private volatile EmbeddedPostgresServer embeddedPostgres;
    private volatile EmbeddedRedisServer embeddedRedis;
    private volatile Database database;
    private volatile LiveStateStore liveState;
    private volatile boolean migrated;
    private volatile ServiceDesk serviceDesk;
    private volatile AgiServer agi;
    private volatile Router router;
    private volatile org.hotline.server.cluster.ClusterEvents cluster;
    private final List<AmiBridge> bridges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile org.hotline.bridge.callbacks.CallbackPlacement callbackPlacement;
    private volatile org.hotline.server.cluster.AsteriskFollowing following;
    private volatile org.hotline.server.cluster.AgentStandings standings;
    private volatile org.hotline.server.cluster.NodePresence presence;
    private volatile org.hotline.server.cluster.RedisRequests requests;
    private volatile org.hotline.bridge.queues.QueueWaitEstimate queueWaits;
    private volatile org.hotline.server.cluster.AsteriskCommands commands;
    private volatile boolean closed;
    private volatile boolean startedUp;
    /** Set when a stop is asked for: from then on a part that finishes starting is stopped at once. */
    private volatile boolean stopping;
    private volatile Thread starter;
    private final java.util.concurrent.CountDownLatch startEnded = new java.util.concurrent.CountDownLatch(1);

    private HotlineServer(HotlineConfig config) {
        this.config = config;
        started.push(DataDirectoryLock.acquire(config.dataDir()));
        this.metrics = remember(new ServerMetrics());
        this.vertx = Vertx.vertx();
        org.hotline.api.bus.EventBusCodec.registerOn(vertx); // the typed events travel on the bus as they are
        started.push(() -> await(vertx.close(), config.shutdownTimeout()));
    }

    /** Starts a server; on any failure stops what it had started and throws. */
    public static HotlineServer start(HotlineConfig config) {
        return start(config, created -> { });
    }

    /**
     * Starts a server, handing it to {@code created} before its parts start (so a shutdown hook
     * registered there stops it also when a signal comes while it starts); on any failure stops
     * what it had started and throws.
     */
    public static HotlineServer start(HotlineConfig config, java.util.function.Consumer<HotlineServer> created) {
        ServiceDeskRules rules = ServiceDeskRules.read(config); // a wrong rule file stops start-up before anything runs
        org.hotline.ivr.load.FlowLibrary flows = IvrFlows.read(config, rules.policies()); // so does an invalid flow
        HotlineServer server;
        try {
            server = new HotlineServer(config);
        } catch (RuntimeException e) {
            flows.close();
            throw e;
        }
        server.starter = Thread.currentThread();
        try {
            created.accept(server);
            server.remember(flows.watch(config.ivr().reloadEvery()));
            server.startHttp();
            server.startDatabase();
            server.startLiveState();
            server.startServiceDesk(rules);
            server.startFollowing(rules);
            server.startApi(rules);
            server.startBridges(rules);
            server.startFastAgi(rules, flows);
            server.startedUp = true;
            log.info("Hotline ready: http://{}:{}/ (data in {})", config.http().host(), server.httpPort(), config.dataDir());
            return server;
        } catch (RuntimeException e) {
            server.close();
            if (server.stopping && !(e instanceof StartupException)) {
                // a signal came while starting: what failed then failed because things were stopping under it
                // (Vert.x' own exit hook removes its file cache, for one), not for a reason to report
                throw new StartupException("stopped while starting", e);
            }
            throw e;
        } finally {
            server.startEnded.countDown();
        }
    }

    private void startHttp() {
        router = Router.router(vertx);
        readiness = new Readiness(CHECK_TIMEOUT.toMillis())
                .check("database", () -> database == null ? Future.succeededFuture(false)
                        : vertx.executeBlocking(() -> database.isReachable(CHECK_TIMEOUT), false))
                .check("migrations", () -> Future.succeededFuture(migrated))
                .check("startup", () -> Future.succeededFuture(startedUp))
                .check("redis", () -> liveState == null ? Future.succeededFuture(false)
                        : Future.fromCompletionStage(liveState.ping()));
        new HealthRoutes(readiness).mount(router); // for a load balancer in front of the HTTP port
        Router managementRouter = Router.router(vertx);
        new HealthRoutes(readiness).mount(managementRouter);
        new MetricsRoutes(metrics.registry()).mount(managementRouter);
        http = listen("http.port", router, config.http());
        management = listen("management.port", managementRouter, config.management());
        log.info("HTTP listening on {}:{}; metrics and health on {}:{}", config.http().host(), http.actualPort(),
                config.management().host(), management.actualPort());
    }

    private HttpServer listen(String key, Router handler, HotlineConfig.Listen where) {
        try {
            return await(vertx.createHttpServer().requestHandler(handler).listen(where.port(), where.host()), Duration.ofSeconds(30));
        } catch (StartupException e) {
            if (e.getCause() instanceof BindException) {
                throw new StartupException(key + ": cannot listen on " + where.host() + ":" + where.port()
                        + ": " + e.getCause().getMessage() + " (is another server using it?)", e);
            }
            throw e;
        }
    }

    private void startDatabase() {
        HotlineDatabase opened = remember(HotlineDatabase.open(config, metrics.registry()));
        embeddedPostgres = opened.embedded().orElse(null);
        database = opened.database();
        migrated = true;
    }

    private void startLiveState() {
        Optional<String> uri = config.redis().uri();
        if (uri.isEmpty()) {
            embeddedRedis = remember(EmbeddedRedisServer.start(config.dataDir().resolve("redis.pid"), config.redis().embeddedPort()));
        }
        liveState = remember(LiveStateStore.connect(uri.orElseGet(() -> embeddedRedis.uri()), config.database().connectTimeout()));
    }

    private void startServiceDesk(ServiceDeskRules rules) {
        serviceDesk = new ServiceDesk(database.dataSource(), rules.policies(), rules.settings(), Clock.systemUTC());
        DomainEventBus bus = event -> {
            vertx.eventBus().publish(EVENTS_ADDRESS, event);
            var toEveryNode = cluster;
            if (toEveryNode != null) {
                toEveryNode.publish(EVENTS_ADDRESS, event);
            }
        };
        String node = config.nodeName();
        List<org.hotline.desk.timers.FiringJob> jobs = new java.util.ArrayList<>(List.of(
                new DueCallbacks(node, rules.settings().callbacks().offerLease()),
                new DueSlaClocks(rules.policies(), serviceDesk.escalations()),
                new org.hotline.desk.escalations.DueEscalations(serviceDesk.escalations())));
        rules.settings().callbacks().escalateOverdueAfter().ifPresent(grace ->
                jobs.add(new org.hotline.desk.escalations.OverdueCallbacks(serviceDesk.escalations(), grace)));
        jobs.add(new EventRelay(bus));
        TimerScheduler timers = remember(new TimerScheduler(node, database.dataSource(), jobs, Clock.systemUTC(),
                config.timers().pollInterval(), config.timers().batchSize()).start());
        // behind: no round has ended for 50 polls (at least 5 s): callbacks and deadlines fire late
        Duration behind = config.timers().pollInterval().multipliedBy(50).compareTo(Duration.ofSeconds(5)) > 0
                ? config.timers().pollInterval().multipliedBy(50) : Duration.ofSeconds(5);
        readiness.degradedWithout("timers", () -> Future.succeededFuture(
                Duration.between(timers.lastRound(), Clock.systemUTC().instant()).compareTo(behind) < 0));
        log.info("Timers running as node {} (every {} ms)", node, config.timers().pollInterval().toMillis());
    }

    /**
     * Which configured Asterisk servers this node follows (a lease each), the agents' standings
     * every node keeps, and the agents' commands, done here or sent to the node that follows
     * their Asterisk.
     */
    private void startFollowing(ServiceDeskRules rules) {
        String node = config.nodeName() + " " + java.util.HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt());
        following = remember(new org.hotline.server.cluster.AsteriskFollowing(liveState, new org.hotline.desk.following.FollowerLeases(
                database.ownPool("hotline-leases", 1), Duration.ofSeconds(2)), node, config.amiTakeover()));
        presence = remember(new org.hotline.server.cluster.NodePresence(liveState, node, config.amiTakeover()));
        standings = new org.hotline.server.cluster.AgentStandings(liveState,
                config.amiServers().stream().map(HotlineConfig.AmiServer::name).toList());
        var outcomes = remember(new org.hotline.desk.writes.WriteQueue("callback-outcomes", config.database().pendingWrites()));
        metrics.writeQueue(outcomes);
        callbackPlacement = new org.hotline.bridge.callbacks.CallbackPlacement(serviceDesk, outcomes);
        var runner = new org.hotline.bridge.commands.CommandRunner(callbackPlacement);
        requests = remember(new org.hotline.server.cluster.RedisRequests(liveState, node));
        commands = new org.hotline.server.cluster.AsteriskCommands(requests, following, runner::run, Duration.ofSeconds(5),
                Duration.ofMinutes(3));
        // the IVR's expected waits: a node that follows no Asterisk asks the node that follows the first one configured
        queueWaits = new org.hotline.bridge.queues.QueueWaitEstimate(() -> bridges, config.ivr().handleTime(), queue ->
                config.amiServers().isEmpty() ? java.util.concurrent.CompletableFuture.completedFuture(Duration.ZERO)
                        : commands.expectedWait(config.amiServers().getFirst().name(), queue));
    }

    /** The agent API under /api/v1 and its sockets, on the HTTP server already listening; screen pops from the call events. */
    private void startApi(ServiceDeskRules rules) {
        HotlineConfig.Api settings = config.api();
        String secret = settings.tokenSecret().orElseGet(() -> ApiSecret.inDataDir(config.dataDir()));
        var devices = new org.hotline.server.cluster.DeviceServers(config.amiServers().stream().map(HotlineConfig.AmiServer::name).toList(),
                standings, database.dataSource());
        AmiQueueMembers queueMembers = new AmiQueueMembers(commands, standings, devices::of);
        var agentMessages = new org.hotline.server.cluster.RedisAgentMessages(liveState, 200);
        var holds = remember(new org.hotline.server.cluster.SharedCallbackHolds(liveState, presence, requests, following.node(),
                config.amiTakeover(), new org.hotline.server.cluster.HoldRelease(vertx, standings, queueMembers, serviceDesk, agentMessages,
                        config.amiTakeover())));
        var api = new org.hotline.api.AgentApi(vertx, database.dataSource(), new org.hotline.api.ApiSettings(secret,
                settings.accessTokenTtl(), settings.refreshTokenTtl(), settings.maxBodyBytes()), Clock.systemUTC())
                .withQueueMembers(queueMembers)
                .withServiceDesk(serviceDesk, rules.settings().phoneNumbers(), rules.settings().timeZone())
                .withPauseReasons(rules.settings().pauseReasons())
                .withLoginRules(new org.hotline.api.auth.LoginRules(settings.loginFailuresBeforeDelay(), settings.loginFailuresBeforeLock(),
                        settings.loginLock(), settings.loginAuditKept()))
                .withCallbackDialer(EVENTS_ADDRESS, org.hotline.server.cluster.ClusterEvents.clusterAddress(AGENTS_ADDRESS),
                        queueMembers::callback, config.dialerPreview(), holds)
                .withServiceLevelSeconds((int) config.wallboard().serviceLevelThreshold().toSeconds())
                .withCallbacksOnTime(rules.settings().callbacks().onTime())
                .withClickToCall(queueMembers::call);
        cluster = new org.hotline.server.cluster.ClusterEvents(vertx, liveState, Map.of(
                CALLS_ADDRESS, org.hotline.server.cluster.ClusterEvents.clusterAddress(CALLS_ADDRESS),
                AGENTS_ADDRESS, org.hotline.server.cluster.ClusterEvents.clusterAddress(AGENTS_ADDRESS),
                EVENTS_ADDRESS, org.hotline.server.cluster.ClusterEvents.clusterAddress(EVENTS_ADDRESS)));
        api.withAgentMessages(agentMessages);
        holds.serveAccepts(api::acceptCallback); // an agent on another node takes an offer this node's dialer holds
        router.route(org.hotline.api.AgentApi.BASE + "/*").subRouter(api.router());
        api.mountSockets(router);
        api.mountPages(router);
        var pops = api.sendScreenPops(CALLS_ADDRESS, rules.settings().phoneNumbers(), rules.settings().timeZone());
        metrics.counter("hotline_pops_degraded", "screen pops sent as the caller's number and name first, the customer's card "
                + "later (the card not read within a second)", pops, org.hotline.api.pops.ScreenPopService::degradedPops);
        api.sendEscalationNotices(EVENTS_ADDRESS);
        api.sendAgentStates(AGENTS_ADDRESS, rules.settings().agentWrapUp());
        HotlineConfig.Wallboard board = config.wallboard();
        api.showWallboard(router, new org.hotline.api.wallboard.Wallboard(new org.hotline.api.wallboard.ServiceLevel(
                board.serviceLevelThreshold(), org.hotline.api.wallboard.ServiceLevel.Formula.valueOf(
                        board.serviceLevelFormula().toUpperCase(java.util.Locale.ROOT).replace('-', '_'))),
                board.window(), rules.settings().timeZone(), board.dayStartsAt(), rules.settings().callbacks().onTime(), Clock.systemUTC()),
                org.hotline.server.cluster.ClusterEvents.clusterAddress(CALLS_ADDRESS),
                org.hotline.server.cluster.ClusterEvents.clusterAddress(AGENTS_ADDRESS),
                org.hotline.server.cluster.ClusterEvents.clusterAddress(EVENTS_ADDRESS));
        // events published while this node's link to Redis was down never came: the wallboard catches up from the database
        liveState.onReconnected(() -> {
            log.info("Redis is back: the wallboard catches up with the day from the database (events from other nodes may have been missed)");
            api.catchUpWallboard();
        });
        log.info("Agent API on {} (described at {}/openapi.yaml), sockets on {} and {}", org.hotline.api.AgentApi.BASE,
                org.hotline.api.AgentApi.BASE, org.hotline.api.AgentApi.AGENT_SOCKET, org.hotline.api.AgentApi.WALLBOARD_SOCKET);
    }

    /** One AMI bridge per configured Asterisk server: calls into the database and onto the event bus. */
    private void startBridges(ServiceDeskRules rules) {
        if (config.amiServers().isEmpty()) {
            log.info("No Asterisk server configured (ami.servers, HOTLINE_AMI_HOST): not following any calls");
            return;
        }
        int pendingWrites = config.database().pendingWrites();
        CallRecorder recorder = remember(new CallRecorder(database.dataSource(), rules.settings().phoneNumbers(), pendingWrites));
        metrics.writeQueue(recorder.writes());
        org.hotline.bridge.callbacks.AbandonedCallers abandoned = remember(new org.hotline.bridge.callbacks.AbandonedCallers(serviceDesk,
                rules.settings().phoneNumbers(), new org.hotline.desk.writes.WriteQueue("abandoned-callers", pendingWrites)));
        metrics.writeQueue(abandoned.writes());
        org.hotline.bridge.agents.AgentStateRecorder agentStates =
                remember(new org.hotline.bridge.agents.AgentStateRecorder(database.dataSource(), pendingWrites));
        metrics.writeQueue(agentStates.writes());
        for (HotlineConfig.AmiServer server : config.amiServers()) {
            var follower = following.follow(server.name(), () -> new AmiBridge(AmiSettings.of(server.name(), server.host(), server.port(),
                    server.user(), server.secret()), Clock.systemUTC(), event -> {
                        recorder.accept(event);
                        abandoned.accept(event);
                        vertx.eventBus().publish(CALLS_ADDRESS, event);
                        cluster.publish(CALLS_ADDRESS, event);
                    }, change -> {
                        agentStates.accept(change);
                        vertx.eventBus().publish(AGENTS_ADDRESS, change);
                        cluster.publish(AGENTS_ADDRESS, change);
                    },
                    rules.settings().agentWrapUp())
                    .onResync((active, askedAt) -> recorder.closeCallsNotIn(server.name(), active, askedAt))
                    .onStandings((device, standing) -> standings.changed(server.name(), device, standing),
                            all -> standings.synced(server.name(), all)),
                    new org.hotline.bridge.following.AsteriskFollower.Changes() {
                        @Override
                        public void following(AmiBridge bridge) {
                            bridges.add(bridge);
                            commands.serve(server.name(), (b, queue) -> queueWaits.on(b, queue));
                        }

                        @Override
                        public void stopped(AmiBridge bridge) {
                            commands.stopServing(server.name());
                            bridges.remove(bridge);
                        }
                    });
            // this node's view: in sync when it follows the server; another node follows it otherwise (hotline_ami_following)
            readiness.degradedWithout("ami:" + server.name(), () -> Future.succeededFuture(
                    follower.bridge().map(b -> b.state() == AmiBridge.State.SYNCED).orElse(true)));
            io.micrometer.core.instrument.Gauge.builder("hotline_ami_following", follower, f -> f.bridge().isPresent() ? 1 : 0)
                    .description("1 while this node follows the Asterisk server (holds its lease), else 0")
                    .tag("server", server.name()).register(metrics.registry());
            io.micrometer.core.instrument.Gauge.builder("hotline_ami_state", follower,
                            f -> f.bridge().map(b -> (double) b.state().ordinal()).orElse(Double.NaN))
                    .description("AMI link of the node that follows the server: 0 disconnected, 1 connected but not yet in sync, "
                            + "2 in sync; NaN on the other nodes")
                    .tag("server", server.name()).register(metrics.registry());
            io.micrometer.core.instrument.Gauge.builder("hotline_calls_active", follower,
                            f -> f.bridge().map(b -> (double) b.activeCalls()).orElse(Double.NaN))
                    .description("calls in progress on this Asterisk server (NaN on a node that does not follow it)")
                    .tag("server", server.name()).register(metrics.registry());
        }
    }

    /**
     * The FastAGI server Asterisk's {@code AGI(agi://host:port/<flow>)} reaches: each session runs
     * the IVR flow it names, on the service desk, with the expected waits Asterisk reports over
     * AMI. Database work runs on as many threads as the pool has connections ({@link IvrDeskThreads}).
     */
    private void startFastAgi(ServiceDeskRules rules, org.hotline.ivr.load.FlowLibrary flows) {
        // closed after the desk work (last in, first out): a write that finds no connection as the server stops still has its queue
        var ivrWrites = remember(new org.hotline.desk.writes.WriteQueue("ivr-writes", config.database().pendingWrites()));
        metrics.writeQueue(ivrWrites);
        java.util.concurrent.ExecutorService deskWork = IvrDeskThreads.forPool(config.database().poolSize());
        started.push(deskWork::close);
        var waits = queueWaits;
        var services = new org.hotline.ivr.services.DeskFlowServices(serviceDesk, database.dataSource(), rules.policies(),
                rules.settings(), waits, deskWork, ivrWrites, Clock.systemUTC());
        var engine = new org.hotline.ivr.engine.FlowEngine(services, flows::flow, Clock.systemUTC(), config.ivr().deskWait());
        metrics.counter("hotline_ivr_desk_unanswered", "times an IVR flow went on without the service desk's answer "
                + "(none within ivr.desk-wait-millis, or a failure): its default branch, or a write left to finish later",
                engine, org.hotline.ivr.engine.FlowEngine::deskUnanswered);
        var scripts = new org.hotline.bridge.agi.AgiFlows(flows, engine, this::asteriskServerOf);
        HotlineConfig.Agi settings = config.agi();
        org.hotline.bridge.agi.AgiSources sources = agiSources();
        try {
            agi = remember(new AgiServer(settings.host(), settings.port(), scripts, config.ivr().idleLimit(), sources,
                    new org.hotline.bridge.agi.AgiLimits(settings.maxLineBytes(), settings.maxHeaders(), settings.maxRequestBytes(),
                            settings.maxSessions(), settings.maxSessionsPerSource())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("agi.port: interrupted while opening it", e);
        } catch (RuntimeException e) {
            throw new StartupException("agi.port: cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage() + " (is another server using it?)", e);
        }
        log.info("FastAGI listening on {}:{}, sessions from {}, for flows {} ({})", settings.host(), agi.port(), sources,
                String.join(", ", new java.util.TreeSet<>(flows.flows().keySet())),
                config.ivr().flows().map(d -> d + (config.ivr().reloadEvery().isZero() ? "" : ", reloaded on change")).orElse("shipped"));
    }

    /** Who may open FastAGI sessions: agi.allowed-sources, else the configured Asterisk hosts, else loopback. */
    private org.hotline.bridge.agi.AgiSources agiSources() {
        if (!config.agi().allowedSources().isEmpty()) {
            return org.hotline.bridge.agi.AgiSources.of(config.agi().allowedSources());
        }
        if (config.amiServers().isEmpty()) {
            return org.hotline.bridge.agi.AgiSources.loopback();
        }
        try {
            return org.hotline.bridge.agi.AgiSources.hosts(config.amiServers().stream().map(HotlineConfig.AmiServer::host).toList());
        } catch (java.net.UnknownHostException e) {
            throw new StartupException("agi.allowed-sources: empty, so the Asterisk hosts are allowed, but "
                    + e.getMessage() + " cannot be resolved; name the addresses in agi.allowed-sources", e);
        }
    }

    /** The configured AMI server a FastAGI session comes from, by its address; "default" when none matches. */
    private String asteriskServerOf(org.hotline.bridge.agi.AgiSession session) {
        if (session.remoteAddress() instanceof java.net.InetSocketAddress remote) {
            for (HotlineConfig.AmiServer server : config.amiServers()) {
                try {
                    for (java.net.InetAddress address : java.net.InetAddress.getAllByName(server.host())) {
                        if (address.equals(remote.getAddress())) {
                            return server.name();
                        }
                    }
                } catch (java.net.UnknownHostException e) {
                    // not this one
                }
            }
        }
        return config.amiServers().size() == 1 ? config.amiServers().getFirst().name() : "default";
    }

    /** The FastAGI server's port (useful when configured as 0). */
    public int agiPort() {
        return agi.port();
    }

    /**
     * Places a callback's call (agent first, then the customer) on the named Asterisk server; its
     * outcome goes to the service desk (completed, or retried by the callback's policy).
     */
    public java.util.concurrent.CompletableFuture<org.hotline.bridge.callbacks.CallbackCallResult> placeCallback(
            String server, org.hotline.bridge.callbacks.CallbackDial dial, Optional<Long> agentId) {
        AmiBridge bridge = bridges.stream().filter(b -> b.name().equals(server)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Asterisk server named '" + server + "'"));
        return callbackPlacement.place(bridge, dial, agentId);
    }

    /** The AMI bridges of the configured Asterisk servers this node follows now. */
    public List<AmiBridge> bridges() {
        return List.copyOf(bridges);
    }

    /** Which configured Asterisk servers this node follows (empty before the bridges start, or with none configured). */
    public Optional<org.hotline.server.cluster.AsteriskFollowing> following() {
        return Optional.ofNullable(following);
    }

    /** The service desk: records, callbacks and their rules, on this server's database. */
    public ServiceDesk serviceDesk() {
        return serviceDesk;
    }

    public Vertx vertx() {
        return vertx;
    }

    public int httpPort() {
        return http.actualPort();
    }

    /** The port of /metrics and the health checks (management.port). */
    public int managementPort() {
        return management.actualPort();
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    public HotlineConfig config() {
        return config;
    }

    /** The embedded PostgreSQL, when this server runs one. */
    public Optional<EmbeddedPostgresServer> embeddedPostgres() {
        return Optional.ofNullable(embeddedPostgres);
    }

    /** The embedded Redis, when this server runs one. */
    public Optional<EmbeddedRedisServer> embeddedRedis() {
        return Optional.ofNullable(embeddedRedis);
    }

    /**
     * Stops everything this server started, last started first. Safe to call twice. Asked from
     * another thread while the server is still starting (a signal during start-up), it first lets
     * the start notice and end, so that nothing it was starting is left running (within
     * shutdown-timeout-seconds).
     */
    @Override
    public void close() {
        stopping = true;
        if (starter != null && Thread.currentThread() != starter) {
            try {
                startEnded.await(config.shutdownTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop();
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        migrated = false;
        startedUp = false;
        for (HttpServer server : new HttpServer[] {http, management}) { // first stop taking requests, then stop what serves them
            if (server != null) {
                try {
                    await(server.close(), config.shutdownTimeout());
                } catch (StartupException e) {
                    log.warn("While stopping HTTP: {}", e.getMessage());
                }
            }
        }
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("While stopping: {}", StartupException.rootMessage(e));
            }
        }
        log.info("Hotline stopped");
    }

    private <T extends AutoCloseable> T remember(T resource) {
        synchronized (this) {
            if (!stopping) {
                started.push(resource);
                return resource;
            }
        }
        try {
            resource.close(); // stopped while starting: this part goes at once, and the start ends here
        } catch (Exception e) {
            log.warn("While stopping: {}", StartupException.rootMessage(e));
        }
        throw new StartupException("stopped while starting");
    }

    private static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new StartupException(StartupException.rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException("timed out after " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted", e);
        }
    }
}
