package org.hotline.server;

import org.hotline.api.auth.PasswordHasher;
import org.hotline.api.auth.Role;
import org.hotline.api.auth.Users;
import org.hotline.server.config.ConfigException;
import org.hotline.server.config.HotlineConfig;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.hotline.schema.jooq.Tables.AGENT;

/**
 * {@code hotline user add --username U --name N [--role R] [--interface I] [--asterisk A] [--queues service:0,complaint:1]},
 * {@code hotline user queues --username U --queues ...} and {@code hotline user password --username U}:
 * the people who log in to the agent API and the queues Ready logs them into (with penalties; a
 * queue Hotline does not know yet is added and said so). The password is typed (not echoed) or
 * read from standard input, never from the command line.
 */
final class UserCommand {

    private UserCommand() {
    }

    static int run(String action, HotlineConfig config, Main.CommandLine line, PrintStream out) {
        String username = line.option("username").orElseThrow(() -> new ConfigException("user: --username is required"));
        if (!username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new ConfigException("user: --username '" + username + "': lower-case letters, digits, . _ -, 2 to 64 characters");
        }
        switch (action) {
            case "add" -> line.requireNoOther("username", "name", "role", "interface", "asterisk", "queues");
            case "password" -> line.requireNoOther("username");
            case "queues" -> line.requireNoOther("username", "queues");
            default -> throw new ConfigException("user: say add, password or queues (try: hotline help)");
        }
        java.util.Optional<java.util.List<org.hotline.desk.agents.QueueSeat>> seats = line.option("queues").map(text -> {
            try {
                return org.hotline.desk.agents.QueueSeat.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("user: --queues " + e.getMessage() + " (like service:0,complaint:1)");
            }
        });
        if (action.equals("queues")) {
            return queues(config, username, seats.orElseThrow(() -> new ConfigException("user: --queues is required")), out);
        }
        Role role = line.option("role").map(r -> {
            try {
                return Role.fromDb(r);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("user: --role '" + r + "' is not one of agent, supervisor, manager, admin");
            }
        }).orElse(Role.AGENT);
        java.util.Optional<String> asterisk = line.option("asterisk");
        java.util.List<String> servers = config.amiServers().stream().map(HotlineConfig.AmiServer::name).toList();
        if (asterisk.isPresent() && !servers.contains(asterisk.get())) {
            throw new ConfigException("user: --asterisk '" + asterisk.get() + "' is not a configured Asterisk server ("
                    + (servers.isEmpty() ? "ami.servers is empty" : "one of " + String.join(", ", servers)) + ")");
        }
        String password = readPassword();
        new org.hotline.api.auth.PasswordPolicy(config.api().passwordMinLength()).refusal(username, password).ifPresent(why -> {
            throw new ConfigException("user: " + why);
        });
        try {
            return CommandDatabase.use(config, dataSource -> {
                var db = DSL.using(dataSource, SQLDialect.POSTGRES);
                Users users = new Users(new PasswordHasher());
                Long id = db.select(AGENT.ID).from(AGENT).where(AGENT.USERNAME.eq(username)).fetchOptional(AGENT.ID).orElse(null);
                if (action.equals("add")) {
                    if (id != null) {
                        throw new ConfigException("user: '" + username + "' exists; to change the password: hotline user password");
                    }
                    id = db.insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.ROLE, AGENT.INTERFACE, AGENT.ASTERISK_SERVER)
                            .values(username, line.option("name").orElse(username), role.dbName(), line.option("interface").orElse(null),
                                    asterisk.orElse(null))
                            .returning(AGENT.ID).fetchOne(AGENT.ID);
                } else if (id == null) {
                    throw new ConfigException("user: no user '" + username + "'");
                }
                users.setPassword(db, id, password);
                out.println((action.equals("add") ? "Added " + username + " (" + role.dbName() + ")" : "Password of " + username + " changed"));
                if (seats.isPresent()) {
                    seat(db, id, username, seats.get(), out);
                }
                return 0;
            });
        } catch (ConfigException | StartupException e) {
            throw e;
        } catch (Exception e) {
            throw new StartupException("user: " + e.getMessage(), e);
        }
    }

    private static int queues(HotlineConfig config, String username, java.util.List<org.hotline.desk.agents.QueueSeat> seats,
                              PrintStream out) {
        try {
            return CommandDatabase.use(config, dataSource -> {
                var db = DSL.using(dataSource, SQLDialect.POSTGRES);
                long id = db.select(AGENT.ID).from(AGENT).where(AGENT.USERNAME.eq(username)).fetchOptional(AGENT.ID)
                        .orElseThrow(() -> new ConfigException("user: no user '" + username + "'"));
                seat(db, id, username, seats, out);
                return 0;
            });
        } catch (ConfigException | StartupException e) {
            throw e;
        } catch (Exception e) {
            throw new StartupException("user: " + e.getMessage(), e);
        }
    }

    private static void seat(org.jooq.DSLContext db, long agentId, String username, java.util.List<org.hotline.desk.agents.QueueSeat> seats,
                             PrintStream out) {
        db.transaction(c -> {
            for (String added : org.hotline.desk.agents.AgentQueues.addMissingQueues(c.dsl(), seats)) {
                out.println("Queue '" + added + "' is new to Hotline (Asterisk's queues.conf must have it too)");
            }
            org.hotline.desk.agents.AgentQueues.replace(c.dsl(), agentId, seats);
        });
        out.println(username + " logs into " + (seats.isEmpty() ? "no queue" : String.join(", ",
                seats.stream().map(s -> s.queue() + " (penalty " + s.penalty() + ")").toList())) + " when Ready");
    }

    private static String readPassword() {
        java.io.Console console = System.console();
        String password;
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, again)) {
                throw new ConfigException("user: the two passwords differ");
            }
            password = new String(first);
        } else {
            try {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new ConfigException("user: cannot read the password from standard input: " + e.getMessage());
            }
        }
        if (password == null) {
            throw new ConfigException("user: no password given");
        }
        return password;
    }
}
