package org.hotline.api;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.hotline.api.auth.PasswordHasher;
import org.hotline.api.auth.Users;
import org.hotline.desk.testing.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.schema.jooq.Tables.AGENT;

/**
 * The agent API over real HTTP on the embedded PostgreSQL, as a JUnit extension: register it as
 * a static field with {@code @RegisterExtension}, add users, and send requests.
 */
public final class TestApi implements BeforeAllCallback, AfterAllCallback {

    static final String SECRET = "test-secret-of-at-least-32-characters!";

    /** The API's clock: tests move it on (login delays and locks, for one). */
    final org.hotline.desk.testing.MutableClock clock = new org.hotline.desk.testing.MutableClock(java.time.Instant.now());
    TestDatabase database;
    HikariDataSource pool;
    Vertx vertx;
    HttpServer server;
    WebClient client;
    /** The API's router, for tests that look at its routes. */
    Router router;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = TestDatabase.start();
        pool = database.pool("api", 4);
        vertx = Vertx.vertx();
        router = new AgentApi(vertx, pool, new ApiSettings(SECRET, Duration.ofMinutes(15), Duration.ofDays(7), 16 * 1024),
                clock)
                .withServiceDesk(new org.hotline.desk.ServiceDesk(pool, org.hotline.desk.ShippedRules.slaPolicies(java.util.Optional.empty()),
                        org.hotline.desk.ShippedRules.deskSettings(java.util.Optional.empty()), java.time.Clock.systemUTC()),
                        org.hotline.desk.customers.PhoneNumbers.china(), java.time.ZoneId.of("Asia/Shanghai"))
                .router();
        Router root = Router.router(vertx);
        root.route(AgentApi.BASE + "/*").subRouter(router);
        server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        vertx.close().await();
        pool.close();
        database.close();
    }

    /** A user who can log in; returns their agent id. */
    long user(String username, String role, String password) {
        long id = database.dsl().insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.ROLE)
                .values(username, username, role).returning(AGENT.ID).fetchOne(AGENT.ID);
        new Users(new PasswordHasher()).setPassword(database.dsl(), id, password);
        return id;
    }

    String token(String username, String password) {
        HttpResponse<Buffer> response = send(HttpMethod.POST, "/auth/login", null,
                new JsonObject().put("username", username).put("password", password));
        assertThat(response.statusCode()).as("login of %s: %s", username, response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject().getString("accessToken");
    }

    HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) {
        var request = client.request(method, AgentApi.BASE + path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return await(switch (body) {
            case null -> request.send();
            case JsonObject json -> request.sendJsonObject(json);
            case Buffer raw -> request.putHeader("Content-Type", "application/json").sendBuffer(raw);
            default -> request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.toString()));
        });
    }

    static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
