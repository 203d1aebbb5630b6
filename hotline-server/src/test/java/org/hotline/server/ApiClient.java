package org.hotline.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A user of a running server's API, as a test drives it: logged in over REST, with one socket and what came on it. */
final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String token;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    /** Messages looked at by {@link #next} and not wanted then. */
    private final java.util.List<JsonObject> skipped = new java.util.ArrayList<>();
    /** Every message in the order it came. */
    private final java.util.List<JsonObject> history = new java.util.concurrent.CopyOnWriteArrayList<>();
    private WebSocket socket;
    /** The client the socket came from, held as long as this user is: Vert.x closes a client nothing refers to, its sockets too. */
    private WebSocketClient client;

    private ApiClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** Logs {@code username} in with {@code password} ({@code POST /api/v1/auth/login}). */
    static ApiClient login(int port, String username, String password) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("username", username).put("password", password).encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("login of %s", username).isEqualTo(200);
        return new ApiClient(port, new JsonObject(response.body()).getString("accessToken"));
    }

    /** A user holding {@code token} already (made with the nodes' shared secret). */
    static ApiClient withToken(int port, String token) {
        return new ApiClient(port, token);
    }

    /** The next message on the socket, whatever it is, within {@code limit}. */
    JsonObject next(Duration limit) throws InterruptedException {
        return next(m -> true, limit);
    }

    /** Opens {@code path} (/ws/agent, /ws/wallboard) and signs in on it with the first message; returns its first answer. */
    JsonObject open(WebSocketClient sockets, String path) throws InterruptedException {
        client = sockets;
        socket = sockets.connect(port, "127.0.0.1", path).await();
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            history.add(message);
            received.add(message);
        });
        socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode()).await();
        JsonObject first = received.poll(10, TimeUnit.SECONDS);
        assertThat(first).as("the socket's first message").isNotNull();
        return first;
    }

    /**
     * The first message on the socket not taken yet that {@code wanted} accepts, within {@code limit};
     * the others stay, in order, for later calls.
     */
    JsonObject next(Predicate<JsonObject> wanted, Duration limit) throws InterruptedException {
        for (var it = skipped.iterator(); it.hasNext(); ) {
            JsonObject message = it.next();
            if (wanted.test(message)) {
                it.remove();
                return message;
            }
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonObject message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(message).as("a wanted message within %s (not taken: %s; all so far: %s)", limit, skipped, typesSoFar()).isNotNull();
            if (wanted.test(message)) {
                return message;
            }
            skipped.add(message);
        }
    }

    /** Every message that came on the socket so far, in order. */
    java.util.List<JsonObject> historySoFar() {
        return java.util.List.copyOf(history);
    }

    /** The access token this user holds. */
    String token() {
        return token;
    }

    /** The HTTP port of the node this user talks to. */
    int port() {
        return port;
    }

    /** The types of the messages that came so far, in order. */
    java.util.List<String> typesSoFar() {
        return history.stream().map(m -> m.getString("type")).toList();
    }

    /** The numbers ({@code seq}) of the numbered messages that came so far, in order ("ready" tells the latest, not its own). */
    java.util.List<Long> seqsSoFar() {
        return history.stream().filter(m -> m.containsKey("seq") && !"ready".equals(m.getString("type"))).map(m -> m.getLong("seq")).toList();
    }

    /** What came on the socket and has not been taken yet. */
    java.util.List<JsonObject> drained() {
        java.util.List<JsonObject> all = new java.util.ArrayList<>(skipped);
        skipped.clear();
        received.drainTo(all);
        return all;
    }

    void close() {
        if (socket != null) {
            socket.close().await();
        }
    }

    HttpResponse<String> send(String method, String path, JsonObject body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code method path} with {@code body}, which must answer {@code status}; its JSON body, or empty. */
    JsonObject expect(int status, String method, String path, JsonObject body) throws Exception {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
        return response.body().isEmpty() || !response.body().startsWith("{") ? new JsonObject() : new JsonObject(response.body());
    }

    static WebSocketClient sockets(Vertx vertx) {
        return vertx.createWebSocketClient();
    }
}
