package org.hotline.server;

import org.hotline.pbxsim.AmiTrace;
import org.hotline.pbxsim.PbxSim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real browser (headless Chromium): an agent signs in on the console, goes ready,
 * and sees the screen pop of a call Asterisk rings them for, notes and moves its record, finds a
 * customer and makes them a new record; a supervisor's wallboard shows the call.
 */
class PagesBrowserTest {

    @TempDir
    Path dataDir;

    @Test
    void anAgentSeesThePopOfTheirCallAndTheWallboardShowsIt() throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "pbx-secret"));
             HotlineServer server = HotlineServer.start(TestServers.config(dataDir, "HOTLINE_AMI_HOST", "127.0.0.1",
                     "HOTLINE_AMI_PORT", String.valueOf(pbx.port()), "HOTLINE_AMI_USER", "hotline",
                     "HOTLINE_AMI_SECRET", "pbx-secret", "HOTLINE_AMI_NAME", "pbx-a"));
             Browser browser = new Browser()) {
            var db = org.jooq.impl.DSL.using(server.dataSource(), org.jooq.SQLDialect.POSTGRES);
            long customer = db.resultQuery("INSERT INTO customer (name, key_customer) VALUES ('张三', true) RETURNING id")
                    .fetchOne().get(0, Long.class);
            db.execute("INSERT INTO customer_phone (customer_id, number) VALUES (" + customer + ", '+8613800138000')");
            long record = server.serviceDesk().createRecord(org.hotline.desk.records.NewRecord.of(org.hotline.desk.records.RecordType.REPAIR)
                    .withCustomer(customer, "+8613800138000").withFault("不制冷"), org.hotline.desk.records.Actor.system()).id();
            db.execute("INSERT INTO queue (name, display_name) VALUES ('service', 'Service') ON CONFLICT DO NOTHING");
            var users = new org.hotline.api.auth.Users(new org.hotline.api.auth.PasswordHasher());
            long agent = db.resultQuery("INSERT INTO agent (username, display_name, interface) "
                    + "VALUES ('agent.1001', 'Agent 1001', 'Local/1001@agents/n') RETURNING id").fetchOne().get(0, Long.class);
            db.execute("INSERT INTO queue_membership (queue_id, agent_id) SELECT id, " + agent + " FROM queue WHERE name = 'service'");
            users.setPassword(db, agent, "agent-password-1");
            long supervisor = db.resultQuery("INSERT INTO agent (username, display_name, role) "
                    + "VALUES ('wang.fang', '王芳', 'supervisor') RETURNING id").fetchOne().get(0, Long.class);
            users.setPassword(db, supervisor, "supervisor-password-1");
            String site = "http://127.0.0.1:" + server.httpPort();
            TestServersAwait.amiInSync(server);

            browser.open(site + "/agent");
            browser.type("#username", "agent.1001");
            browser.type("#password", "agent-password-1");
            browser.click("#sign-in");
            browser.awaitText("#state", s -> s.equalsIgnoreCase("logged_out"), Duration.ofSeconds(10));
            browser.click("#ready");
            browser.awaitText("#state", s -> s.equalsIgnoreCase("ready"), Duration.ofSeconds(10));
            browser.awaitText("#link", s -> s.equals("connected"), Duration.ofSeconds(10));
            // the pause reasons are the configured codes, shown by their labels
            browser.awaitText("#reason", s -> !s.isBlank(), Duration.ofSeconds(10));
            assertThat(browser.script("return [...document.querySelectorAll('#reason option')].map(o => o.value).join(',')"))
                    .isEqualTo("lunch,break,training,meeting,coaching,technical");
            browser.click("#pause");
            browser.awaitText("#state", s -> s.equalsIgnoreCase("paused"), Duration.ofSeconds(10));
            browser.click("#ready");
            browser.awaitText("#state", s -> s.equalsIgnoreCase("ready"), Duration.ofSeconds(10));

            AmiTrace.load("asterisk-traces/01-queue-answered.ami").events().stream()
                    .filter(e -> !e.getOrEmpty("Event").equals("FullyBooted")).forEach(pbx::emit);

            String shown = browser.awaitText("#pop-customer", s -> s.contains("张三"), Duration.ofSeconds(20));
            assertThat(shown).contains("key customer");
            browser.awaitText("#record-status", s -> s.equals("registered"), Duration.ofSeconds(5));
            browser.type("#note-text", "customer asks for a morning visit");
            browser.click("#note-add");
            browser.awaitText("#record-message", s -> s.equals("noted"), Duration.ofSeconds(10));
            assertThat(db.resultQuery("SELECT count(*) FROM record_event WHERE record_id = " + record
                    + " AND event_type = 'note' AND reason = 'customer asks for a morning visit' AND actor_name = 'agent.1001'")
                    .fetchOne().get(0, Long.class)).isEqualTo(1);
            browser.script("document.getElementById('transition-to').value = 'warranty_checked';");
            browser.click("#transition");
            browser.awaitText("#record-status", s -> s.equals("warranty_checked"), Duration.ofSeconds(10));

            // the customer search and a new record from the customer's card
            browser.script("document.getElementById('search-by').value = 'name';");
            browser.type("#search-text", "张");
            browser.click("#search-go");
            browser.awaitText("#found tr.found", s -> s.contains("张三"), Duration.ofSeconds(10));
            browser.click("#found tr.found button");
            browser.awaitText("#customer-name", s -> s.contains("张三"), Duration.ofSeconds(10));
            browser.click("#customer-new-record");
            browser.script("document.getElementById('new-type').value = 'installation';");
            browser.type("#new-summary", "second unit for the bedroom");
            browser.click("#new-record-create");
            browser.awaitText("#record-status", s -> s.equals("registered"), Duration.ofSeconds(10));
            assertThat(db.resultQuery("SELECT count(*) FROM contact_record WHERE customer_id = " + customer
                    + " AND type = 'installation' AND summary = 'second unit for the bedroom' AND phone = '+8613800138000'")
                    .fetchOne().get(0, Long.class)).isEqualTo(1);
            browser.awaitText("#record-status", s -> s.equals("registered"), Duration.ofSeconds(10));
            browser.type("#record-fault", "the old unit rattles at night");
            browser.click("#record-save");
            browser.awaitText("#record-message", s -> s.equals("saved"), Duration.ofSeconds(10));
            assertThat(db.resultQuery("SELECT fault_description FROM contact_record WHERE customer_id = " + customer
                    + " AND type = 'installation'").fetchOne().get(0, String.class)).isEqualTo("the old unit rattles at night");

            browser.script("sessionStorage.clear();");
            browser.open(site + "/wallboard");
            browser.type("#username", "wang.fang");
            browser.type("#password", "supervisor-password-1");
            browser.click("#sign-in");
            String row = browser.awaitText("tr[data-queue='service']", s -> s.startsWith("service"), Duration.ofSeconds(20));
            assertThat(row.split("\\s+")).as("queue, waiting, longest wait, offered, answered").startsWith("service", "0", "0:00", "1", "1");
        }
    }
}
