package org.hotline.demo;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo starts on its own, its logins work, and pbx-sim's calls are followed within a minute. */
class DemoTest {

    @TempDir
    Path dataDir;

    @Test
    void theDemoPlaysCallsThatTheServerFollows() throws Exception {
        try (Demo.Running demo = Demo.start(Map.of("HOTLINE_DATA_DIR", dataDir.toString(), "HOTLINE_HTTP_PORT", "0", "HOTLINE_MANAGEMENT_PORT", "0",
                "HOTLINE_HTTP_HOST", "127.0.0.1", "HOTLINE_AGI_PORT", "0", "HOTLINE_AGI_HOST", "127.0.0.1"), false)) {
            var login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.server().httpPort()
                            + "/api/v1/auth/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + Demo.SUPERVISOR_LOGIN + "\",\"password\":\""
                            + demo.supervisorPassword() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("\"role\":\"supervisor\"");

            var db = DSL.using(demo.server().dataSource(), org.jooq.SQLDialect.POSTGRES);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long followed = 0;
            while (followed < 2 && System.nanoTime() < deadline) {
                followed = db.resultQuery("SELECT count(*) FROM call WHERE asterisk_server = 'pbx-sim'").fetchOne().get(0, Long.class);
                Thread.sleep(200);
            }
            assertThat(followed).as("calls from pbx-sim stored within a minute").isGreaterThanOrEqualTo(2);
            while (!db.fetchExists(DSL.selectOne().from("call").where("ivr_session_id IS NOT NULL")) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(db.fetchExists(DSL.selectOne().from("call").where("ivr_session_id IS NOT NULL")))
                    .as("a caller went through the IVR, then the queue: the call knows its IVR session").isTrue();
        }
    }
}
