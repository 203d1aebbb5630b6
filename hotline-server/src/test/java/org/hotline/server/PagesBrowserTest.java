package org.hotline.server;

import org.hotline.api.auth.PasswordHasher;
import org.hotline.api.auth.Users;
import org.hotline.pbxsim.PbxSim;
import org.hotline.pbxsim.agi.AgiCallScript;
import org.hotline.pbxsim.scenario.AgentScript;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real browser (headless Chromium), in both languages, asserting what a person sees:
 * the console's state following a call live (ringing, talking, wrap-up with its countdown), the
 * card of a second caller replacing the first, a record moved through its steps from its page,
 * the wallboard (after a restart too: no nameless row, nobody waiting who is gone) and the
 * supervisors' pages. Screenshots under target/pages for review.
 */
class PagesBrowserTest {

    static final Path SHOTS = Path.of("target", "pages");
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    record Site(PbxSim pbx, HotlineServer server, DSLContext db, long customer, String url) {
    }

    Site site(PbxSim pbx, HotlineServer server) throws Exception {
        var db = DSL.using(server.dataSource(), SQLDialect.POSTGRES);
        long customer = db.resultQuery("INSERT INTO customer (name, key_customer) VALUES ('张三', true) RETURNING id")
                .fetchOne().get(0, Long.class);
        db.execute("INSERT INTO customer_phone (customer_id, number) VALUES (" + customer + ", '+8613800138000')");
        db.execute("INSERT INTO asset (customer_id, model, serial_number, warranty_ends_on) VALUES (" + customer + ", 'WM-800', '88886666', '"
                + LocalDate.now().plusYears(1) + "')");
        db.execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') ON CONFLICT DO NOTHING");
        var users = new Users(new PasswordHasher());
        long agent = db.resultQuery("INSERT INTO agent (username, display_name, interface) "
                + "VALUES ('li.lei', '李雷', 'PJSIP/1001') RETURNING id").fetchOne().get(0, Long.class);
        db.execute("INSERT INTO queue_membership (queue_id, agent_id) SELECT id, " + agent + " FROM queue WHERE name = 'service'");
        users.setPassword(db, agent, "agent-password-1");
        long supervisor = db.resultQuery("INSERT INTO agent (username, display_name, role) "
                + "VALUES ('wang.fang', '王芳', 'supervisor') RETURNING id").fetchOne().get(0, Long.class);
        users.setPassword(db, supervisor, "supervisor-password-1");
        TestServersAwait.amiInSync(server);
        return new Site(pbx, server, db, customer, "http://127.0.0.1:" + server.httpPort());
    }

    /** A server on pbx-sim whose office is open around the clock (the call through the IVR must queue at any hour). */
    HotlineServer start(PbxSim pbx) throws Exception {
        return HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a", "HOTLINE_SLA_POLICIES", TestServers.alwaysOpen(dataDir)));
    }

    /** "话后处理剩余 0:27" as 27. */
    static int secondsLeft(String countdown) {
        String[] minutesSeconds = countdown.replaceAll("[^0-9:]", "").split(":");
        return Integer.parseInt(minutesSeconds[0]) * 60 + Integer.parseInt(minutesSeconds[1]);
    }

    static void signIn(Browser browser, String url, String username, String password) throws Exception {
        browser.open(url);
        browser.awaitText("#sign-in", s -> !s.isBlank(), WAIT);
        browser.type("#username", username);
        browser.type("#password", password);
        browser.click("#sign-in");
    }

    @Test
    void inChineseTheConsoleFollowsACallLiveAndTheWallboardShowsIt() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = start(pbx);
             ScriptedCalls calls = new ScriptedCalls(pbx);
             Browser browser = new Browser("zh-CN,zh", 1440, 1000)) {
            Site site = site(pbx, server);

            // labels in Chinese; a wrong password says so
            signIn(browser, site.url() + "/agent", "li.lei", "wrong-password");
            assertThat(browser.text("#sign-in")).isEqualTo("登录");
            assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-CN");
            browser.awaitText("#login-error", s -> s.equals("用户名或密码错误"), WAIT);
            browser.script("document.getElementById('password').value = ''; document.getElementById('username').value = '';");
            browser.type("#username", "li.lei");
            browser.type("#password", "agent-password-1");
            browser.click("#sign-in");
            browser.awaitText("#state", s -> s.equals("未签入"), WAIT);
            browser.awaitText("#link", s -> s.equals("已连接"), WAIT);
            browser.awaitText("#who", s -> s.equals("李雷"), WAIT);
            browser.click("#ready");
            browser.awaitText("#state", s -> s.equals("就绪"), WAIT);
            assertThat(browser.classes("#state")).contains("state-ready");

            // a call through the IVR (1 repair, 1 the first product): ringing, talking, wrap-up, live
            CallScript queueCall = new CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                    List.of(AgentScript.answering("PJSIP/1001", "1001", Duration.ofSeconds(3), Duration.ofSeconds(4))));
            var passage = calls.startThroughIvr("127.0.0.1", server.agiPort(),
                    AgiCallScript.call("hotline", "unused", "13800138000").pressing("1", "1"), queueCall).get(20, TimeUnit.SECONDS);
            assertThat(passage.queued()).as("queued: %s", passage.exchange()).isTrue();
            browser.awaitText("#state", s -> s.equals("振铃中"), WAIT);
            String customer = browser.awaitText("#pop-customer", s -> s.contains("张三"), WAIT);
            assertThat(customer).contains("重点客户");
            assertThat(browser.text("#pop-facts")).contains("队列：售后服务").contains("来意：报修");
            assertThat(browser.text("#pop-ivr")).contains("主菜单").doesNotContain("main-menu");
            browser.awaitText("#record-status", s -> s.equals("已登记"), WAIT);
            browser.awaitText("#state", s -> s.equals("通话中"), WAIT);
            assertThat(browser.classes("#state")).contains("state-talking");
            browser.screenshot(SHOTS.resolve("agent-talking-zh-CN.png"));
            browser.awaitText("#state", s -> s.equals("话后处理"), WAIT);
            assertThat(browser.awaitText("#wrap-up-left", s -> s.startsWith("话后处理剩余 0:"), WAIT)).matches("话后处理剩余 0:[0-3]\\d");
            String recordNumber = browser.text("#record-number");

            // the record moved on from its page: a note, then the next step, both in its trail
            browser.type("#note-text", "客户希望上午上门");
            browser.click("#note-add");
            browser.awaitText("#record-message", s -> s.equals("备注已添加"), WAIT);
            assertThat(browser.text("#record-trail")).contains("客户希望上午上门");
            browser.script("document.getElementById('transition-to').value = 'warranty_checked';");
            browser.click("#transition");
            browser.awaitText("#record-status", s -> s.equals("已核保"), WAIT);
            assertThat(browser.text("#record-trail")).contains("已登记 → 已核保");

            // ready again; a stranger calls: their card replaces the first caller's, and no record of his stays on screen
            browser.click("#ready");
            browser.awaitText("#state", s -> s.equals("就绪"), WAIT);
            calls.start(new CallScript("13900001111", "", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                    List.of(AgentScript.answering("PJSIP/1001", "1001", Duration.ofSeconds(2), Duration.ofSeconds(2)))));
            browser.awaitText("#pop-customer", s -> s.endsWith("13900001111"), WAIT);
            assertThat(browser.shown("#record")).as("the first caller's record is gone from the screen").isFalse();
            assertThat(browser.text("#pop")).doesNotContain("张三");
            browser.awaitText("#state", s -> s.equals("话后处理"), WAIT);
            // the answered call without a record is to be registered at wrap-up
            browser.awaitText("#unregistered", s -> s.contains("13900001111"), WAIT);
            browser.screenshot(SHOTS.resolve("agent-second-call-zh-CN.png"));
            // the console reloaded during the wrap-up keeps its countdown where it was, not a fresh one
            int leftBefore = secondsLeft(browser.awaitText("#wrap-up-left", s -> s.startsWith("话后处理剩余"), WAIT));
            browser.open(site.url() + "/agent");
            int leftAfter = secondsLeft(browser.awaitText("#wrap-up-left", s -> s.startsWith("话后处理剩余"), WAIT));
            assertThat(leftAfter).as("seconds of wrap-up left after the reload").isLessThanOrEqualTo(leftBefore);
            assertThat(browser.text("#state")).isEqualTo("话后处理");

            // the worklist opens the first record again
            browser.script("document.getElementById('worklist-view').value = 'open';");
            browser.click("#worklist-go");
            browser.awaitText("#worklist", s -> s.contains(recordNumber), WAIT);
            browser.click("#worklist tr.link-row");
            browser.awaitText("#record-number", s -> s.equals(recordNumber), WAIT);

            // the customer's card: an edit from a card someone else changed since is refused in Chinese, the card shown
            // as it is now; the edit made again is saved
            browser.type("#search-text", "13800138000");
            browser.click("#search-go");
            browser.awaitText("#found", s -> s.contains("张三"), WAIT);
            browser.click("#found tr.found button");
            browser.awaitText("#customer-name", s -> s.startsWith("张三"), WAIT);
            site.db().execute("UPDATE customer SET city = '北京', version = version + 1 WHERE id = " + site.customer());
            browser.click("#customer-edit-open");
            browser.script("document.querySelector('#customer-edit input[name=city]').value = '天津';");
            browser.click("#customer-edit button[type=submit]");
            assertThat(browser.awaitText("#customer-message", s -> !s.isBlank(), WAIT)).isEqualTo("已被他人修改，已显示最新内容，请重新操作");
            assertThat(browser.text("#customer")).contains("北京").doesNotContain("天津");
            browser.click("#customer-edit-open");
            browser.script("document.querySelector('#customer-edit input[name=city]').value = '天津';");
            browser.click("#customer-edit button[type=submit]");
            browser.awaitText("#customer", s -> s.contains("天津") && !s.contains("已被他人修改"), WAIT);
            assertThat(site.db().fetchValue("SELECT city FROM customer WHERE id = " + site.customer())).isEqualTo("天津");

            // a real sign-out: the login form again, and the session's token no longer works
            String token = (String) browser.script("return JSON.parse(sessionStorage.getItem('hotline.session')).accessToken");
            browser.click("#sign-out");
            browser.awaitText("#sign-in", s -> s.equals("登录"), WAIT);
            assertThat(browser.shown("#login")).isTrue();
            var me = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(site.url() + "/api/v1/me")).header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).as("the token after sign-out").isEqualTo(401);

            // the wallboard: the queue's tile by its Chinese name, the agent by name, coloured by state
            signIn(browser, site.url() + "/wallboard", "wang.fang", "supervisor-password-1");
            String tile = browser.awaitText("[data-queue='service']", s -> s.startsWith("售后服务"), WAIT);
            assertThat(browser.text("[data-queue='service'] [data-figure='offered']")).isEqualTo("2");
            assertThat(browser.text("[data-queue='service'] [data-figure='answered']")).isEqualTo("2");
            assertThat(tile).contains("服务水平");
            String agent = browser.awaitText("[data-agent='PJSIP/1001']", s -> s.startsWith("李雷"), WAIT);
            assertThat(agent).doesNotContain("PJSIP");
            assertThat(browser.classes("[data-agent='PJSIP/1001']")).containsPattern("state-(wrap_up|ready)");
            assertThat(((Number) browser.script("return document.querySelectorAll('#chart canvas').length")).intValue())
                    .as("the chart drawn").isPositive();
        }
    }

    @Test
    void inEnglishTheSupervisorPagesAndTheWallboardAfterARestart() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             Browser browser = new Browser("en-GB,en", 1920, 1080)) {
            HotlineServer server = start(pbx);
            Site site;
            try (ScriptedCalls calls = new ScriptedCalls(pbx)) {
                site = site(pbx, server);
                signIn(browser, site.url() + "/agent", "li.lei", "agent-password-1");
                browser.awaitText("#state", s -> s.equals("Logged out"), WAIT);
                assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
                browser.click("#ready");
                browser.awaitText("#state", s -> s.equals("Ready"), WAIT);
                calls.start(new CallScript("13800138000", "Zhang San", "service", Duration.ofSeconds(60), Duration.ofSeconds(15),
                        List.of(AgentScript.answering("PJSIP/1001", "1001", Duration.ofSeconds(1), Duration.ofSeconds(1)))));
                browser.awaitText("#state", s -> s.equals("Wrap-up"), WAIT);
                // the user's choice of language is kept
                browser.script("const s = document.getElementById('lang'); s.value = 'zh-CN'; s.onchange();");
                browser.awaitText("#state", s -> s.equals("话后处理"), WAIT);
                browser.script("const s = document.getElementById('lang'); s.value = 'en'; s.onchange();");
                browser.awaitText("#state", s -> s.equals("Wrap-up"), WAIT);
                browser.click("#sign-out");
                browser.awaitText("#sign-in", s -> s.equals("Sign in"), WAIT);
            }
            // the server restarts: the day so far from the database, no nameless row, nobody waiting
            server.close();
            server = start(pbx);
            try {
                TestServersAwait.amiInSync(server);
                String url = "http://127.0.0.1:" + server.httpPort();
                signIn(browser, url + "/wallboard", "wang.fang", "supervisor-password-1");
                browser.awaitText("[data-queue='service'] [data-figure='offered']", s -> s.equals("1"), WAIT);
                assertThat(browser.text("[data-queue='service'] [data-figure='waiting']")).isEqualTo("0");
                assertThat(((Number) browser.script("return document.querySelectorAll('#queues .tile').length")).intValue()).as("no nameless row")
                        .isEqualTo(1);
                assertThat(browser.text("[data-queue='service']")).startsWith("Service").contains("Service level");
                assertThat(browser.text("#clock")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
                browser.screenshot(SHOTS.resolve("wallboard-en.png"));

                // the supervisors' pages: an escalation raised, taken and resolved from the inbox
                long record = server.serviceDesk().createRecord(org.hotline.desk.records.NewRecord.of(
                        org.hotline.desk.records.RecordType.REPAIR).withCustomer(site.customer(), "+8613800138000"),
                        org.hotline.desk.records.Actor.system()).id();
                server.serviceDesk().escalate(record, "supervisor", org.hotline.desk.records.Actor.system(), "the customer called three times");
                browser.open(url + "/supervisor");
                String row = browser.awaitText("#escalation-list tbody tr[data-escalation-id]", s -> s.contains("Waiting"), WAIT);
                assertThat(row).contains("Supervisor").contains("the customer called three times");
                browser.click("#escalation-list tbody tr[data-escalation-id] button");
                browser.awaitText("#escalation-list tbody tr[data-escalation-id]", s -> s.contains("Taken"), WAIT);
                browser.click("#escalation-list tbody tr[data-escalation-id] button");
                browser.type("#escalation-list input.resolution", "called back, visit booked");
                browser.click("#escalation-list .resolve-confirm");
                browser.awaitText("#escalation-list tbody", s -> s.contains("No escalations"), WAIT);
                browser.click("#tab-reports");
                browser.awaitText("#report-queues tbody", s -> s.contains("Service"), WAIT);
                browser.screenshot(SHOTS.resolve("supervisor-reports-en.png"));
                browser.click("#tab-agents");
                browser.awaitText("#agent-list tbody", s -> s.contains("李雷") && s.contains("PJSIP/1001"), WAIT);

                // a queue's wallboard targets: an alarm below its warning refused in the reader's words, then saved
                browser.click("#tab-targets");
                browser.awaitText("#target-list tbody", s -> s.contains("Service"), WAIT);
                browser.script("const row = document.querySelector(\"#target-list tr[data-queue='service']\");"
                        + "row.querySelector('input[name=waitingWarn]').value = 5; row.querySelector('input[name=waitingAlarm]').value = 2;");
                browser.click("#target-list tr[data-queue='service'] button");
                assertThat(browser.awaitText("#target-message", s -> !s.isBlank(), WAIT)).isEqualTo("Please correct: waiting alarm");
                browser.script("document.querySelector(\"#target-list tr[data-queue='service'] input[name=waitingAlarm]\").value = 9;");
                browser.click("#target-list tr[data-queue='service'] button");
                browser.awaitText("#target-message", s -> s.equals("Saved"), WAIT);
                assertThat(DSL.using(server.dataSource(), SQLDialect.POSTGRES)
                        .fetchValue("SELECT waiting_warn || '/' || waiting_alarm FROM queue WHERE name = 'service'"))
                        .isEqualTo("5/9");
            } finally {
                server.close();
            }
        }
    }
}
