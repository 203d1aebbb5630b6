package org.hotline.bench.api;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one REST request of an agent costs, measured from outside against a running server (any
 * version: it only speaks HTTP): log in, make a record, then time GET /me, GET /records/{id} and
 * POST /records/{id}/notes one after another on one keep-alive connection, after a warm-up.
 * Every authenticated request now checks its login in the database and is validated against the
 * OpenAPI file; this says what that costs.
 */
public final class ApiBenchmark {

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ApiBenchmark BASE_URL USERNAME PASSWORD [REQUESTS=3000]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "") + "/api/v1";
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        JsonObject session = new JsonObject(send(http, "POST", base + "/auth/login", null,
                new JsonObject().put("username", args[1]).put("password", args[2]).encode()).body());
        String token = session.getString("accessToken");
        long record = new JsonObject(send(http, "POST", base + "/records", token,
                new JsonObject().put("type", "consultation").put("summary", "api benchmark").encode()).body()).getLong("id");
        System.out.printf("%s, %d requests each, JDK %s, %d cores%n", base, requests, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        time(http, "GET /me", "GET", base + "/me", token, null, requests);
        time(http, "GET /records/{id}", "GET", base + "/records/" + record, token, null, requests);
        time(http, "POST /records/{id}/notes", "POST", base + "/records/" + record + "/notes", token,
                new JsonObject().put("text", "benchmark note").encode(), requests / 3);
    }

    private static void time(HttpClient http, String what, String method, String url, String token, String body, int n) throws Exception {
        for (int i = 0; i < 300; i++) {
            send(http, method, url, token, body);
        }
        List<Long> nanos = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = send(http, method, url, token, body);
            nanos.add(System.nanoTime() - start);
            if (answer.statusCode() >= 300) {
                throw new IllegalStateException(what + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        Collections.sort(nanos);
        System.out.printf("%-26s p50 %6.2f ms   p99 %6.2f ms%n", what, nanos.get(n / 2) / 1e6, nanos.get((int) (n * 0.99)) / 1e6);
    }

    private static HttpResponse<String> send(HttpClient http, String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
