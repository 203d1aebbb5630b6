package org.hotline.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hotline.api.auth.PasswordPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Logins as an attacker would try them: guessing, replaying, using a token after logout. */
class LoginsTest {

    @RegisterExtension
    static final TestApi api = new TestApi();

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierTries() {
        api.database.dsl().execute("DELETE FROM login_audit; DELETE FROM login_lock");
    }

    private HttpResponse<Buffer> login(String username, String password) {
        return api.send(HttpMethod.POST, "/auth/login", null, new JsonObject().put("username", username).put("password", password));
    }

    @Test
    void guessingIsHeldBackThenLockedAndTheRightPasswordWaitsToo() {
        api.user("guessed", "agent", "the-right-password-at-last");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            statuses.add(login("guessed", "wrong-" + i).statusCode());
        }
        assertThat(statuses.subList(0, 5)).as("the first failures are plain 401s").containsOnly(401);
        assertThat(statuses).contains(429);
        HttpResponse<Buffer> right = login("guessed", "the-right-password-at-last");
        assertThat(right.statusCode()).as("the right password after 60 wrong ones in a burst").isEqualTo(429);
        assertThat(right.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Integer.parseInt(right.getHeader("Retry-After"))).isPositive();
        assertThat(statuses.stream().filter(s -> s == 401).count()).as("only the tries that were let in were checked").isLessThan(10);

        // the guesser waits as told each time: the waits double, and the tenth failure in a row locks the name
        List<Long> waits = new ArrayList<>();
        while (true) {
            HttpResponse<Buffer> held = login("guessed", "wrong-again");
            if (held.statusCode() == 429) {
                long wait = Long.parseLong(held.getHeader("Retry-After"));
                if (held.bodyAsJsonObject().getString("detail").contains("locked")) {
                    assertThat(wait).as("locked for api.login-lock-minutes").isBetween(14 * 60L, 15 * 60L);
                    break;
                }
                waits.add(wait);
                api.clock.advance(java.time.Duration.ofSeconds(wait));
            } else {
                assertThat(held.statusCode()).isEqualTo(401);
            }
        }
        assertThat(waits).as("growing delays").isSorted().hasSizeGreaterThanOrEqualTo(4);
        assertThat(waits.getLast()).isGreaterThanOrEqualTo(8);
        assertThat(login("guessed", "the-right-password-at-last").statusCode()).as("locked, even with the right password").isEqualTo(429);
        long failures = api.database.dsl().fetchCount(org.jooq.impl.DSL.table("login_audit"),
                org.jooq.impl.DSL.condition("username = 'guessed' AND kind = 'failure'"));
        assertThat(failures).isEqualTo(10);

        api.user("root.admin", "admin", "an-admin-password-long");
        String admin = api.token("root.admin", "an-admin-password-long");
        JsonArray locks = api.send(HttpMethod.GET, "/admin/login-locks", admin, null).bodyAsJsonObject().getJsonArray("locks");
        assertThat(locks.stream().map(l -> ((JsonObject) l).getString("username"))).contains("guessed");
        assertThat(api.send(HttpMethod.DELETE, "/admin/login-locks/guessed", admin, null).statusCode()).isEqualTo(204);
        assertThat(login("guessed", "the-right-password-at-last").statusCode()).as("the admin lifted the lock").isEqualTo(200);

        JsonArray audit = api.send(HttpMethod.GET, "/admin/login-audit?username=guessed&limit=500", admin, null)
                .bodyAsJsonObject().getJsonArray("entries");
        List<String> kinds = audit.stream().map(e -> ((JsonObject) e).getString("kind")).toList();
        assertThat(kinds.getFirst()).isEqualTo("success");
        assertThat(kinds).contains("unlocked", "locked", "failure");
        assertThat(kinds.stream().filter("failure"::equals).count()).isEqualTo(failures);
        JsonObject entry = audit.getJsonObject(0);
        assertThat(entry.getString("source")).isEqualTo("127.0.0.1");
        assertThat(entry.getString("userAgent")).isNotBlank();
        assertThat(audit.stream().map(e -> ((JsonObject) e).getString("detail"))).contains("lifted by root.admin");

        String agent = api.token("guessed", "the-right-password-at-last");
        assertThat(api.send(HttpMethod.GET, "/admin/login-audit", agent, null).statusCode()).isEqualTo(403);
    }

    @Test
    void guessingManyNamesFromOneAddressIsHeldBackToo() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(login("nobody" + i, "whatever-" + i).statusCode());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 40)).contains(429);
    }

    @Test
    void logoutAndARefreshReplayEndTheAccessTokensAtOnce() {
        api.user("han.logout", "agent", "han-logout-password-1");
        JsonObject session = login("han.logout", "han-logout-password-1").bodyAsJsonObject();
        String token = session.getString("accessToken");
        assertThat(api.send(HttpMethod.GET, "/me", token, null).statusCode()).isEqualTo(200);
        assertThat(api.send(HttpMethod.POST, "/auth/logout", null, new JsonObject().put("refreshToken", session.getString("refreshToken")))
                .statusCode()).isEqualTo(204);
        assertThat(api.send(HttpMethod.GET, "/me", token, null).statusCode()).as("the access token after logout").isEqualTo(401);

        JsonObject second = login("han.logout", "han-logout-password-1").bodyAsJsonObject();
        JsonObject refreshed = api.send(HttpMethod.POST, "/auth/refresh", null,
                new JsonObject().put("refreshToken", second.getString("refreshToken"))).bodyAsJsonObject();
        String fresh = refreshed.getString("accessToken");
        assertThat(api.send(HttpMethod.GET, "/me", fresh, null).statusCode()).isEqualTo(200);
        assertThat(api.send(HttpMethod.POST, "/auth/refresh", null, new JsonObject().put("refreshToken", second.getString("refreshToken")))
                .statusCode()).as("the used refresh token replayed").isEqualTo(401);
        assertThat(api.send(HttpMethod.GET, "/me", fresh, null).statusCode()).as("every access token of that login").isEqualTo(401);
        assertThat(api.send(HttpMethod.GET, "/me", second.getString("accessToken"), null).statusCode()).isEqualTo(401);

        JsonObject third = login("han.logout", "han-logout-password-1").bodyAsJsonObject();
        assertThat(api.send(HttpMethod.GET, "/me", third.getString("accessToken"), null).statusCode()).as("a new login works").isEqualTo(200);
        api.database.dsl().execute("UPDATE agent SET active = false WHERE username = 'han.logout'");
        assertThat(api.send(HttpMethod.GET, "/me", third.getString("accessToken"), null).statusCode())
                .as("a deactivated user's tokens").isEqualTo(401);
        assertThat(api.database.dsl().fetchValue("SELECT string_agg(kind, ',' ORDER BY id) FROM login_audit WHERE username = 'han.logout'"))
                .isEqualTo("success,logout,success,refresh,refresh_replayed,revoked,success");
    }

    @Test
    void passwordsFollowNistNotCompositionRules() {
        PasswordPolicy policy = new PasswordPolicy(PasswordPolicy.DEFAULT_MIN_LENGTH);
        assertThat(policy.refusal("li.lei", "password")).isPresent();
        assertThat(policy.refusal("li.lei", "12345678")).isPresent();
        assertThat(policy.refusal("li.lei", "123456789012345")).hasValueSatisfying(w -> assertThat(w).contains("run"));
        assertThat(policy.refusal("li.lei", "passwordpassword")).isPresent();
        assertThat(policy.refusal("li.lei", "aaaaaaaaaaaaaaaa")).isPresent();
        assertThat(policy.refusal("li.lei", "li.lei-and-some-more")).hasValueSatisfying(w -> assertThat(w).contains("user name"));
        assertThat(policy.refusal("li.lei", "short")).hasValueSatisfying(w -> assertThat(w).contains("at least 15"));
        assertThat(policy.refusal("li.lei", "x".repeat(129))).isPresent();
        assertThat(new PasswordPolicy(8).refusal("li.lei", "iloveyou")).as("common at any length")
                .hasValueSatisfying(w -> assertThat(w).contains("common"));
        assertThat(policy.refusal("li.lei", "correct horse battery staple")).isEmpty();
        assertThat(policy.refusal("li.lei", "长城永不倒下的那一天我们一起看海")).as("any characters").isEmpty();
        assertThat(policy.refusal("li.lei", "alllowercaseletters")).as("no composition rules").isEmpty();
    }
}
