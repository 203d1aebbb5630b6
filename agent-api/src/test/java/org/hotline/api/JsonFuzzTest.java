package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the JSON endpoints (jqwik): random bodies (objects with the fields
 * the API knows and others, values of every JSON type, control characters, huge numbers, nesting,
 * and text that is not JSON at all) sent by a signed-in agent and a supervisor to every endpoint
 * that takes a body. Whatever is sent, the answer is never a 5xx, and an error is problem+json.
 */
class JsonFuzzTest {

    private static final List<String> FIELDS = List.of("type", "summary", "faultDescription", "address", "version", "customerId",
            "recordId", "phone", "priority", "state", "reason", "number", "outcome", "dueAt", "note", "agentId", "text", "to",
            "technician", "level", "username", "password", "refreshToken");

    static TestApi api;
    static String agent;
    static String supervisor;
    static long record;
    static long callback;

    @BeforeContainer
    static void start() throws Exception {
        api = new TestApi();
        api.beforeAll(null);
        api.user("fuzz.agent", "agent", "fuzz-agent-password-1");
        api.user("fuzz.boss", "supervisor", "fuzz-boss-password-1");
        agent = api.token("fuzz.agent", "fuzz-agent-password-1");
        supervisor = api.token("fuzz.boss", "fuzz-boss-password-1");
        record = api.send(HttpMethod.POST, "/records", agent, new JsonObject().put("type", "repair").put("summary", "fuzz"))
                .bodyAsJsonObject().getLong("id");
        callback = api.database.dsl().resultQuery("INSERT INTO callback (reason, phone, due_at, owner_agent_id) VALUES "
                + "('ivr_request', '+8613700137066', now(), (SELECT id FROM agent WHERE username = 'fuzz.agent')) RETURNING id")
                .fetchOne(0, Long.class);
    }

    @AfterContainer
    static void stop() {
        api.afterAll(null);
    }

    @Property
    void noBodyMakesAServerError(@ForAll("endpoints") String endpoint, @ForAll("bodies") Buffer body) {
        String[] parts = endpoint.split(" ", 3);
        String token = parts[0].equals("supervisor") ? supervisor : parts[0].equals("none") ? null : agent;
        String path = parts[2].replace("{record}", String.valueOf(record)).replace("{callback}", String.valueOf(callback));
        HttpResponse<Buffer> answer = api.send(HttpMethod.valueOf(parts[1]), path, token, body);
        assertThat(answer.statusCode()).as("%s with %s: %s", endpoint, body, answer.bodyAsString()).isLessThan(500);
        if (answer.statusCode() >= 400) {
            assertThat(answer.getHeader("Content-Type")).as(endpoint).isEqualTo("application/problem+json");
        }
    }

    @Property
    void noQueryMakesAServerError(@ForAll("queries") String query) {
        for (String path : List.of("/customers?", "/calls?", "/admin/login-audit?")) {
            HttpResponse<Buffer> answer = api.send(HttpMethod.GET, path + query, path.startsWith("/admin") ? supervisor : agent, null);
            assertThat(answer.statusCode()).as("%s%s: %s", path, query, answer.bodyAsString()).isLessThan(500);
        }
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of("agent POST /records", "agent PATCH /records/{record}", "agent POST /records/{record}/transitions",
                "agent POST /records/{record}/notes", "agent POST /records/{record}/escalations", "agent POST /callbacks/{callback}/complete",
                "agent POST /callbacks/{callback}/reschedule", "agent POST /callbacks/{callback}/claim", "agent PUT /me/state",
                "agent POST /calls", "none POST /auth/login", "none POST /auth/refresh", "none POST /auth/logout",
                "supervisor POST /records/{record}/assign", "supervisor POST /callbacks/{callback}/assign",
                "supervisor PUT /agents/1/state", "supervisor PUT /queues/service/targets");
    }

    @Provide
    Arbitrary<Buffer> bodies() {
        Arbitrary<Buffer> objects = jsonObjects(3).map(o -> Buffer.buffer(o.encode()));
        Arbitrary<Buffer> values = Arbitraries.oneOf(scalars(), jsonArrays(2)).map(v -> Buffer.buffer(io.vertx.core.json.Json.encode(v)));
        Arbitrary<Buffer> garbage = Arbitraries.strings().ofMaxLength(200).map(Buffer::buffer);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, objects), net.jqwik.api.Tuple.of(1, values),
                net.jqwik.api.Tuple.of(1, garbage));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("phone", "name", "serial", "customerId", "mine", "username", "source",
                "since", "limit"), Arbitraries.strings().alpha().ofMaxLength(5));
        Arbitrary<String> value = Arbitraries.strings().ofMaxLength(40)
                .map(v -> java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        return net.jqwik.api.Combinators.combine(key, value).as((k, v) -> k + "=" + v).list().ofMaxSize(3)
                .map(pairs -> String.join("&", pairs));
    }

    private static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60).map(s -> (Object) s),
                Arbitraries.strings().withChars('\u0000', '\r', '\n', '\t', '"', '\\', 'a', '中').ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.of("consultation", "repair", "complaint", "ready", "paused", "lunch", "answered", "wrong_number",
                        "dispatched", "supervisor", "2030-01-02T02:00:00Z", "13800138000", "+88216123456").map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(1.5, 1e30, -0.0, 0, -1, Long.MAX_VALUE, Integer.MIN_VALUE).map(n -> (Object) n),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
    }

    private static Arbitrary<Object> value(int depth) {
        return depth <= 0 ? scalars() : Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalars()),
                net.jqwik.api.Tuple.of(1, jsonObjects(depth - 1).map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(1, jsonArrays(depth - 1).map(a -> (Object) a)));
    }

    private static Arbitrary<JsonObject> jsonObjects(int depth) {
        Arbitrary<String> key = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.of(FIELDS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
        return Arbitraries.maps(key, value(depth)).ofMaxSize(6).map(map -> {
            JsonObject json = new JsonObject();
            map.forEach(json::put);
            return json;
        });
    }

    private static Arbitrary<JsonArray> jsonArrays(int depth) {
        return value(depth).list().ofMaxSize(4).map(JsonArray::new);
    }
}
