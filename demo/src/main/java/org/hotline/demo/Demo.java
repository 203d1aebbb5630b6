package org.hotline.demo;

import org.hotline.api.auth.PasswordHasher;
import org.hotline.api.auth.Users;
import org.hotline.pbxsim.PbxSim;
import org.hotline.server.HotlineServer;
import org.hotline.server.config.ConfigException;
import org.hotline.server.config.ConfigLoader;
import org.hotline.server.config.HotlineConfig;
import org.hotline.server.seed.Seeder;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.CUSTOMER;

/**
 * {@code ./hotline demo}: the server on its embedded defaults (data in ./data-demo unless
 * HOTLINE_DATA_DIR says otherwise) following pbx-sim as its Asterisk, a few thousand customers
 * the first time, demo logins with fresh passwords printed at every start, and a hotline's day
 * played by pbx-sim so that the wallboard moves and an agent who goes ready gets calls. The
 * demo's rules ({@link DemoRules}: open around the clock, a short wrap-up) are written to its data
 * directory unless HOTLINE_SLA_POLICIES / HOTLINE_DESK_RULES name others.
 */
public final class Demo {

    static final String AGENT_LOGIN = "agent1002";
    static final String SUPERVISOR_LOGIN = "agent1001";
    static final List<String> SIMULATED = List.of("agent1003", "agent1004", "agent1005", "agent1006", "agent1007", "agent1008");

    private Demo() {
    }

    /** A running demo: the server, its pbx-sim, and the logins made for this start. */
    record Running(HotlineServer server, PbxSim pbx, String agentPassword, String supervisorPassword) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            pbx.close();
        }
    }

    public static void main(String[] args) throws Exception {
        Running demo;
        try {
            demo = start(System.getenv(), true);
        } catch (ConfigException e) {
            System.err.println("hotline demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        String site = "http://localhost:" + demo.server().httpPort();
        System.out.println();
        System.out.println("Hotline demo is running (pbx-sim plays the hotline's calls). Stop it with Ctrl-C.");
        System.out.println("  Agent console: " + site + "/agent       log in as " + AGENT_LOGIN + " / " + demo.agentPassword()
                + ", press Ready: calls ring you with a screen pop");
        System.out.println("  Wallboard:     " + site + "/wallboard   log in as " + SUPERVISOR_LOGIN + " / " + demo.supervisorPassword());
        System.out.println("  API:           " + site + "/api/v1/openapi.yaml");
        System.out.println("(The passwords are new at every start of the demo.)");
    }

    /** Starts the demo with these environment variables (HOTLINE_*), stopped on JVM exit when {@code hook}. */
    static Running start(Map<String, String> environment, boolean hook) throws Exception {
        String amiSecret = secret(24);
        PbxSim pbx = new PbxSim(0, Map.of("hotline", amiSecret));
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("HOTLINE_DATA_DIR", "./data-demo");
        env.putIfAbsent("HOTLINE_DIALER_PREVIEW_SECONDS", "5");
        java.nio.file.Path dataDir = java.nio.file.Path.of(env.get("HOTLINE_DATA_DIR"));
        if (!env.containsKey("HOTLINE_SLA_POLICIES")) {
            env.put("HOTLINE_SLA_POLICIES", DemoRules.slaPolicies(dataDir).toString());
        }
        if (!env.containsKey("HOTLINE_DESK_RULES")) {
            env.put("HOTLINE_DESK_RULES", DemoRules.deskRules(dataDir).toString());
        }
        env.put("HOTLINE_AMI_NAME", "pbx-sim");
        env.put("HOTLINE_AMI_HOST", "127.0.0.1");
        env.put("HOTLINE_AMI_PORT", String.valueOf(pbx.port()));
        env.put("HOTLINE_AMI_USER", "hotline");
        env.put("HOTLINE_AMI_SECRET", amiSecret);
        HotlineConfig config;
        try {
            config = ConfigLoader.load(Optional.empty(), env);
        } catch (ConfigException e) {
            pbx.close();
            throw e;
        }
        HotlineServer server = HotlineServer.start(config, created -> {
            if (hook) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    created.close();
                    pbx.close();
                }, "hotline-demo-shutdown"));
            }
        });
        DSLContext db = DSL.using(server.dataSource(), SQLDialect.POSTGRES);
        if (db.fetchCount(CUSTOMER) == 0) {
            System.out.println("First start: adding 3,000 demo customers with their products and history...");
            new Seeder(server.dataSource(), 42, Clock.systemUTC(), 2).seed(3_000, done -> { });
        }
        String agentPassword = secret(16);
        String supervisorPassword = secret(16);
        Users users = new Users(new PasswordHasher());
        users.setPassword(db, id(db, AGENT_LOGIN), agentPassword);
        users.setPassword(db, id(db, SUPERVISOR_LOGIN), supervisorPassword);
        db.execute("INSERT INTO queue_membership (queue_id, agent_id) SELECT q.id, a.id FROM queue q, agent a "
                + "WHERE a.role = 'agent' ON CONFLICT DO NOTHING");

        new DemoDay(server, pbx, db, SIMULATED).start();
        return new Running(server, pbx, agentPassword, supervisorPassword);
    }

    private static long id(DSLContext db, String username) {
        return db.select(AGENT.ID).from(AGENT).where(AGENT.USERNAME.eq(username)).fetchOptional(AGENT.ID)
                .orElseThrow(() -> new IllegalStateException("the demo data has no user " + username));
    }

    private static String secret(int length) {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

}
