package org.hotline.api;

import org.hotline.events.CallbackStatus;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.hotline.api.auth.AccessTokens;
import org.hotline.api.auth.AuthRoutes;
import org.hotline.api.auth.Bearer;
import org.hotline.api.auth.PasswordHasher;
import org.hotline.api.auth.RefreshTokens;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.Users;
import org.hotline.api.pops.ScreenPopService;
import org.hotline.api.problem.Problems;
import org.hotline.api.sockets.AgentInbox;
import org.hotline.api.sockets.AgentMessages;
import org.hotline.api.sockets.AgentSockets;
import org.hotline.desk.customers.PhoneNumbers;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;


/**
 * The agent API: the REST API under {@code /api/v1} (access: login, refresh, logout, me; the
 * agents for supervisors; the OpenAPI description at {@code /openapi.yaml}; bodies limited in
 * size, every error as problem+json) and the agent's live channel {@code /ws/agent} with its
 * screen pops.
 */
public final class AgentApi {

    public static final String BASE = "/api/v1";
    /** The agent's live channel (screen pops). */
    public static final String AGENT_SOCKET = "/ws/agent";
    /** The supervisors' wallboard feed. */
    public static final String WALLBOARD_SOCKET = "/ws/wallboard";

    private final Vertx vertx;
    private final DataSource dataSource;
    private final ApiSettings settings;
    private final Clock clock;
    private final AccessTokens access;
    private AgentMessages inbox = new AgentInbox(200);
    private org.hotline.api.desk.QueueMembers queueMembers = org.hotline.api.desk.QueueMembers.none();
    private org.hotline.desk.ServiceDesk desk;
    private org.hotline.api.calls.ClickToCall clickToCall = (device, number, variables) -> java.util.concurrent.CompletableFuture
            .failedFuture(new org.hotline.api.desk.QueueMembers.PbxUnavailable("no Asterisk server is configured"));
    private org.hotline.api.callbacks.CallbackDialer dialer;
    private org.hotline.api.callbacks.CallbackHolds callbackHolds = org.hotline.api.callbacks.CallbackHolds.none();
    private Runnable catchUp = () -> { };
    private org.hotline.api.desk.DeviceAgents deviceAgents;
    /** Made in {@link #router()}, once every part it uses is set. */
    private java.util.function.Supplier<org.hotline.api.callbacks.CallbackDialer> startDialer = () -> null;
    private PhoneNumbers phones = PhoneNumbers.china();
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private int serviceLevelSeconds = 20;
    private java.time.Duration callbacksOnTime = java.time.Duration.ofMinutes(15);
    private org.hotline.api.auth.LoginRules loginRules = org.hotline.api.auth.LoginRules.DEFAULTS;
    private org.hotline.desk.settings.PauseReasons pauseReasons = org.hotline.desk.settings.PauseReasons.shipped();

    public AgentApi(Vertx vertx, DataSource dataSource, ApiSettings settings, Clock clock) {
        org.hotline.api.bus.EventBusCodec.registerOn(vertx);
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        this.access = new AccessTokens(vertx, settings.tokenSecret(), settings.accessTokenTtl(), new AccessTokens.LoginCheck() {
            @Override
            public io.vertx.core.Future<Boolean> active(java.util.UUID login, long user) {
                return vertx.executeBlocking(() -> RefreshTokens.active(DSL.using(dataSource, SQLDialect.POSTGRES), login, user), false);
            }

            @Override
            public io.vertx.core.Future<java.util.Set<java.util.UUID>> ended(java.util.Map<java.util.UUID, Long> logins) {
                return vertx.executeBlocking(() -> RefreshTokens.ended(DSL.using(dataSource, SQLDialect.POSTGRES), logins), false);
            }
        });
    }

    /** How agents' state changes reach the PBX (before {@link #router()}; without it they get 503). */
    public AgentApi withQueueMembers(org.hotline.api.desk.QueueMembers members) {
        this.queueMembers = members;
        return this;
    }

    /** The service desk the customer and record routes work on, its phone numbers and time zone (before {@link #router()}). */
    public AgentApi withServiceDesk(org.hotline.desk.ServiceDesk desk, PhoneNumbers phones, ZoneId zone) {
        this.desk = desk;
        this.phones = phones;
        this.zone = zone;
        return this;
    }

    /**
     * Offers callbacks falling due (the {@code callback.due} events at {@code eventsAddress}) to
     * ready agents (those who become ready: the agent events at {@code agentsAddress}) and places
     * them through {@code line}; accepted after {@code preview} unless the agent accepts first
     * (before {@link #router()}).
     */
    public AgentApi withCallbackDialer(String eventsAddress, String agentsAddress, org.hotline.api.callbacks.CallbackLine line,
                                       java.time.Duration preview, org.hotline.api.callbacks.CallbackHolds holds) {
        this.callbackHolds = holds;
        this.startDialer = () -> new org.hotline.api.callbacks.CallbackDialer(vertx, dataSource, queueMembers, line, inbox, preview,
                phones.countryCode(), zone, desk).holdingIn(holds).listen(eventsAddress).followAgents(agentsAddress);
        return this;
    }

    /** Agent {@code agentId} takes callback {@code callbackId} offered by this node's dialer (asked by another node); false when not. */
    public boolean acceptCallback(long callbackId, long agentId) {
        return dialer != null && dialer.accept(callbackId, agentId);
    }

    /** How agents' outgoing calls are placed (before {@link #router()}; without it they get 503). */
    public AgentApi withClickToCall(org.hotline.api.calls.ClickToCall line) {
        this.clickToCall = line;
        return this;
    }

    /** How failed logins are held back and how long the login audit is kept (before {@link #router()}). */
    public AgentApi withLoginRules(org.hotline.api.auth.LoginRules rules) {
        this.loginRules = rules;
        return this;
    }

    /** The reasons agents may give for a pause (before {@link #router()}; the shipped ones otherwise). */
    public AgentApi withPauseReasons(org.hotline.desk.settings.PauseReasons reasons) {
        this.pauseReasons = reasons;
        return this;
    }

    /** How late a callback may be done and still count as on time in the reports (callbacks.on-time; before {@link #router()}). */
    public AgentApi withCallbacksOnTime(java.time.Duration onTime) {
        this.callbacksOnTime = onTime;
        return this;
    }

    /** The service-level threshold the KPI reports count with (before {@link #router()}). */
    public AgentApi withServiceLevelSeconds(int seconds) {
        this.serviceLevelSeconds = seconds;
        return this;
    }

    /** The REST API, to mount at {@link #BASE}. */
    public Router router() {
        dialer = startDialer.get();
        Router router = Router.router(vertx);
        Bearer bearer = new Bearer(access);
        router.route().handler(AgentApi::apiHeaders);
        router.route().handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
        router.route().handler(AgentApi::refuseControlCharacters);
        router.route().handler(org.hotline.api.contract.RequestContract.of(vertx, openApi())::check);
        new AuthRoutes(vertx, dataSource, new Users(new PasswordHasher()), access, new RefreshTokens(settings.refreshTokenTtl()),
                loginRules, zone, clock).mount(router, bearer);
        new org.hotline.api.auth.LoginAdminRoutes(vertx, dataSource, clock).mount(router, bearer);
        new org.hotline.api.desk.AgentStateRoutes(vertx, dataSource, queueMembers, pauseReasons).mount(router, bearer);
        new org.hotline.api.customers.CustomerRoutes(vertx, dataSource, phones, zone, clock).mount(router, bearer);
        new org.hotline.api.calls.CallHistoryRoutes(vertx, dataSource, clickToCall, phones,
                desk != null ? desk.dialling() : org.hotline.desk.customers.DiallingPolicy.national(phones.countryCode())).mount(router, bearer);
        if (desk != null) {
            new org.hotline.api.records.RecordRoutes(vertx, dataSource, desk, phones).mount(router, bearer);
            new org.hotline.api.customers.ArchiveRoutes(vertx, dataSource, desk, zone, clock).mount(router, bearer);
            new org.hotline.api.records.ReturnVisitRoutes(vertx, dataSource, desk).mount(router, bearer);
            new org.hotline.api.records.DeadlineRoutes(vertx, dataSource, desk).mount(router, bearer);
            new org.hotline.api.calls.CallRegistrationRoutes(vertx, desk).mount(router, bearer);
            new org.hotline.api.callbacks.CallbackRoutes(vertx, dataSource, desk).mount(router, bearer);
            new org.hotline.api.escalations.EscalationRoutes(vertx, desk).mount(router, bearer);
            new org.hotline.api.complaints.ComplaintRoutes(vertx, dataSource, desk).mount(router, bearer);
            new org.hotline.api.supervisor.AssignmentRoutes(vertx, dataSource, desk).mount(router, bearer);
            new org.hotline.api.supervisor.AgentQueueRoutes(vertx, dataSource).mount(router, bearer);
            new org.hotline.api.supervisor.QueueTargetRoutes(vertx, dataSource).mount(router, bearer);
            new org.hotline.api.reports.ReportRoutes(vertx, dataSource, zone, serviceLevelSeconds, callbacksOnTime).mount(router, bearer);
        }
        // the offer may be held by another node's dialer: that node is asked to take it
        router.post("/callbacks/:id/accept").handler(bearer.authenticated()).handler(ctx -> {
            long id = org.hotline.api.customers.CustomerRoutes.pathId(ctx);
            long agent = Bearer.user(ctx).id();
            if (dialer == null) {
                org.hotline.api.problem.Problem.of(org.hotline.api.problem.ProblemCode.NO_DIALER, "this server places no callbacks").send(ctx);
            } else if (dialer.accept(id, agent)) {
                ctx.json(new io.vertx.core.json.JsonObject().put("callbackId", id).put("status", "dialing"));
            } else {
                io.vertx.core.Future.fromCompletionStage(callbackHolds.acceptElsewhere(id, agent), vertx.getOrCreateContext()).onComplete(elsewhere -> {
                    if (elsewhere.succeeded() && elsewhere.result()) {
                        ctx.json(new io.vertx.core.json.JsonObject().put("callbackId", id).put("status", "dialing"));
                    } else {
                        org.hotline.api.problem.Problem.of(org.hotline.api.problem.ProblemCode.CALLBACK_NOT_OFFERED,
                                "callback " + id + " is not offered to you now").send(ctx);
                    }
                });
            }
        });
        router.get("/agents").handler(bearer.authenticated()).handler(Bearer.atLeast(Role.SUPERVISOR))
                .handler(ctx -> agents(vertx, dataSource, ctx));
        String openApi = openApi();
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(openApi));
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(Problems::handle);
        return router;
    }

    /**
     * Every API answer, errors included: never cached (they hold customers' data and tokens), never
     * sniffed as another type, no referrer sent on, and no page may frame it.
     */
    private static void apiHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer").putHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        ctx.next();
    }

    /** A NUL or another control character in the path or a query parameter is a 400 before any route sees it. */
    private static void refuseControlCharacters(RoutingContext ctx) {
        if (RequestBody.hasControlCharacters(ctx.normalizedPath())) {
            ctx.fail(new org.hotline.api.problem.InvalidRequest(java.util.List.of("path: must not contain NUL or control characters")));
            return;
        }
        for (var param : ctx.queryParams()) {
            if (RequestBody.hasControlCharacters(param.getKey()) || RequestBody.hasControlCharacters(param.getValue())) {
                ctx.fail(new org.hotline.api.problem.InvalidRequest(java.util.List.of(
                        "query: must not contain NUL or control characters")));
                return;
            }
        }
        ctx.next();
    }

    /** Mounts the agent console ({@code /agent}) and the wallboard page ({@code /wallboard}) on the server's root router. */
    public void mountPages(Router root) {
        Pages.mount(root);
    }

    /** Mounts {@link #AGENT_SOCKET} on the server's root router. */
    public void mountSockets(Router root) {
        root.get(AGENT_SOCKET).handler(new AgentSockets(vertx, access, inbox)::handle);
    }

    /** Sends screen pops from the call events published at {@code callsAddress}; the service, for its metrics. */
    public ScreenPopService sendScreenPops(String callsAddress, PhoneNumbers phones, ZoneId zone) {
        return new ScreenPopService(vertx, dataSource, deviceAgents(), inbox, phones, zone, clock).listen(callsAddress);
    }

    /**
     * Pushes each change of an agent's state (the agent events published at {@code agentsAddress})
     * to that agent's console; {@code wrapUp} is the after-call work the bridge gives.
     */
    public void sendAgentStates(String agentsAddress, java.time.Duration wrapUp) {
        new org.hotline.api.desk.AgentStateNotices(vertx, deviceAgents(), inbox, wrapUp).listen(agentsAddress);
    }

    /** One cache of who has which device, for the pops and the state notices alike. */
    private synchronized org.hotline.api.desk.DeviceAgents deviceAgents() {
        if (deviceAgents == null) {
            deviceAgents = new org.hotline.api.desk.DeviceAgents(vertx, dataSource, clock);
        }
        return deviceAgents;
    }

    /** Pushes each escalation raised, climbed, acknowledged or resolved to the sockets of the users its level tells. */
    public void sendEscalationNotices(String eventsAddress) {
        new org.hotline.api.escalations.EscalationNotices(vertx, desk, inbox).listen(eventsAddress);
    }

    /**
     * Mounts {@link #WALLBOARD_SOCKET} on the server's root router, fed by the call and agent
     * events published at {@code addresses}.
     */
    public void showWallboard(Router root, org.hotline.api.wallboard.Wallboard wallboard, String... addresses) {
        loadOpenWork(wallboard);
        var sockets = new org.hotline.api.sockets.WallboardSockets(vertx, access, wallboard).follow(addresses);
        this.catchUp = () -> catchUp(wallboard, sockets);
        root.get(WALLBOARD_SOCKET).handler(sockets::handle);
        new org.hotline.api.wallboard.AgentNames(vertx, dataSource, wallboard, sockets::send).follow(addresses);
        new org.hotline.api.wallboard.QueueTargetsFollower(vertx, dataSource, wallboard, sockets::send)
                .follow(org.hotline.api.supervisor.QueueTargetRoutes.CHANGED);
    }

    /**
     * The wallboard catches up with the day from the database and sends every viewer a new
     * snapshot: after this node may have missed events from the other nodes (its link to Redis
     * was lost).
     */
    public void catchUpWallboard() {
        catchUp.run();
    }

    /** The wallboard catches up with the day from the database, tried again every 5 s while the database cannot be read. */
    private void catchUp(org.hotline.api.wallboard.Wallboard wallboard, org.hotline.api.sockets.WallboardSockets sockets) {
        vertx.executeBlocking(() -> wallboard.catchUpToday(DSL.using(dataSource, SQLDialect.POSTGRES)), false)
                .onSuccess(snapshot -> sockets.send(java.util.List.of(snapshot)))
                .onFailure(e -> {
                    org.slf4j.LoggerFactory.getLogger(AgentApi.class).warn("the wallboard could not catch up with the day ({}); "
                            + "trying again in 5 s", e.toString());
                    vertx.setTimer(5000, t -> catchUp(wallboard, sockets));
                });
    }

    /** Where agents' messages are numbered, kept and fanned out (before {@link #mountSockets}); one node's memory by default. */
    public AgentApi withAgentMessages(AgentMessages messages) {
        this.inbox = messages;
        return this;
    }

    /**
     * Once, when the wallboard starts: the callbacks still to be made, the clocks at risk or
     * breached, and the day so far (its queue calls and finished callbacks).
     */
    private void loadOpenWork(org.hotline.api.wallboard.Wallboard wallboard) {
        var db = DSL.using(dataSource, SQLDialect.POSTGRES);
        var open = org.hotline.desk.reports.OpenWork.read(db, clock.instant());
        wallboard.queues(open.queues());
        wallboard.agentNames(open.agentNames());
        wallboard.load(open.pendingCallbacks(), open.atRisk(), open.breached());
        wallboard.loadToday(db);
    }

    private static void agents(Vertx vertx, DataSource dataSource, RoutingContext ctx) {
        vertx.executeBlocking(() -> org.hotline.desk.agents.Agents.all(DSL.using(dataSource, SQLDialect.POSTGRES)), false)
                .onSuccess(list -> ctx.json(new JsonObject().put("agents", new JsonArray(list.stream().map(a -> new JsonObject()
                        .put("id", a.id()).put("username", a.username()).put("displayName", a.displayName()).put("role", a.role())
                        .put("interface", a.device().orElse(null)).put("active", a.active())).toList()))))
                .onFailure(ctx::fail);
    }

    /** The OpenAPI 3 description of this API, as shipped in the jar. */
    public static String openApi() {
        try (InputStream in = AgentApi.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the agent-api jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
