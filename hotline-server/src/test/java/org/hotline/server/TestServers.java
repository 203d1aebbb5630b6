package org.hotline.server;

import org.hotline.server.config.ConfigLoader;
import org.hotline.server.config.HotlineConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Configurations and HTTP calls for tests that run real servers. */
final class TestServers {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestServers() {
    }

    /**
     * Embedded everything in {@code dataDir}, HTTP on a free port, plus the given settings. Without
     * a database URL the embedded PostgreSQL starts from a copy of a cluster made once per test JVM
     * and migrated (initdb and the migrations took 4 s of each server's start); the start on an
     * empty data directory is what ServerProcessTest runs, as an operator does.
     */
    static HotlineConfig config(Path dataDir, String... environment) {
        if (!java.util.Arrays.asList(environment).contains("HOTLINE_DB_URL")) {
            PostgresTemplate.copyTo(dataDir.resolve("postgres"));
        }
        return emptyDataDirectoryConfig(dataDir, environment);
    }

    /** As {@link #config}, with the settings of {@code file} under the environment's. */
    static HotlineConfig config(Path dataDir, Path file, String... environment) {
        PostgresTemplate.copyTo(dataDir.resolve("postgres"));
        return load(Optional.of(file), dataDir, environment);
    }

    /** As {@link #config}, the data directory left as it is (empty for a first start). */
    static HotlineConfig emptyDataDirectoryConfig(Path dataDir, String... environment) {
        return load(Optional.empty(), dataDir, environment);
    }

    private static HotlineConfig load(Optional<Path> file, Path dataDir, String... environment) {
        Map<String, String> env = new HashMap<>();
        env.put("HOTLINE_DATA_DIR", dataDir.toString());
        env.put("HOTLINE_HTTP_PORT", "0");
        env.put("HOTLINE_MANAGEMENT_PORT", "0");
        env.put("HOTLINE_HTTP_HOST", "127.0.0.1");
        env.put("HOTLINE_AGI_PORT", "0");
        env.put("HOTLINE_AGI_HOST", "127.0.0.1");
        for (int i = 0; i < environment.length; i += 2) {
            env.put(environment[i], environment[i + 1]);
        }
        return ConfigLoader.load(file, env);
    }

    /** A copy of a shipped rules file with some text replaced, in the data directory; its path. */
    static String rules(Path dataDir, String name, Map<String, String> replacements) throws IOException {
        String text;
        try (java.io.InputStream in = org.hotline.desk.ShippedRules.class.getResourceAsStream("defaults/" + name)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (var replacement : replacements.entrySet()) {
            org.assertj.core.api.Assertions.assertThat(text).as("%s has %s", name, replacement.getKey()).contains(replacement.getKey());
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        java.nio.file.Files.createDirectories(dataDir.resolve("rules"));
        Path file = dataDir.resolve("rules").resolve(name);
        java.nio.file.Files.writeString(file, text);
        return file.toString();
    }

    /**
     * The shipped SLA policies with the office open around the clock, in the data directory; its
     * path. For tests whose callers must reach the queue whatever the hour they run at (the
     * shipped hotline flow sends callers out of the office's hours to the out-of-hours menu).
     */
    static String alwaysOpen(Path dataDir) throws IOException {
        return rules(dataDir, "sla-policies.yaml", Map.of(
                "    week:\n      monday:    [09:00-12:00, 13:30-18:00]\n", "    always-open: true\n",
                "      tuesday:   [09:00-12:00, 13:30-18:00]\n", "", "      wednesday: [09:00-12:00, 13:30-18:00]\n", "",
                "      thursday:  [09:00-12:00, 13:30-18:00]\n", "", "      friday:    [09:00-12:00, 13:30-18:00]\n", ""));
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An access token for {@code agentId}, signed with {@code secret}, of a real login started in
     * {@code server}'s database (the server refuses tokens of no login).
     */
    static String accessToken(HotlineServer server, String secret, long agentId, String username, org.hotline.api.auth.Role role) {
        var login = new org.hotline.api.auth.RefreshTokens(java.time.Duration.ofDays(1))
                .start(org.jooq.impl.DSL.using(server.dataSource(), org.jooq.SQLDialect.POSTGRES), agentId, java.time.Instant.now());
        return new org.hotline.api.auth.AccessTokens(server.vertx(), secret, java.time.Duration.ofMinutes(5))
                .issue(new org.hotline.api.auth.User(agentId, username, username, role), login.login());
    }
}
