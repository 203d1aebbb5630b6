package org.hotline.server;

import org.hotline.server.config.ConfigException;
import org.hotline.server.config.ConfigLoader;
import org.hotline.server.config.HotlineConfig;
import org.hotline.server.seed.SeedCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code start} runs the server, {@code seed} fills the database with demo
 * data. A problem at start-up prints one line that says what to fix and exits non-zero:
 * 2 for a wrong command line or configuration, 1 for anything else.
 */
public final class Main {

    static final String USAGE = """
            usage: hotline <command> [options]

            commands:
              start [--config FILE]                       run the server (embedded PostgreSQL and Redis unless configured)
              seed --customers N [--random-seed S] [--workers W] [--config FILE]
                                                          add N generated customers with products and call history
              flows check [--dir DIR] [--config FILE]     validate the IVR flow files (DIR, else ivr.flows, else ./config/flows)
              user add --username U [--name N] [--role agent|supervisor|manager|admin] [--interface PJSIP/1001]
                       [--queues service:0,complaint:1]   add someone who logs in to the agent API (password typed or on stdin)
              user queues --username U --queues service:0,complaint:1
                                                          the queues (and penalties) Ready logs a user into
              user password --username U                  set a user's password (typed or on stdin)
              help                                        show this text

            Without --config, the file named by HOTLINE_CONFIG is read, if set; HOTLINE_* environment
            variables override the file. See README.md for every setting.""";

    private Main() {
    }

    public static void main(String[] args) {
        int exit = run(args, System.getenv());
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs a command; returns the exit code, except for a started server, which returns 0 and keeps running. */
    static int run(String[] args, Map<String, String> environment) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            if (args[0].equals("flows") || args[0].equals("user")) {
                if (args.length < 2 || args[1].startsWith("--")) {
                    throw new ConfigException(args[0] + ": say what to do (try: hotline help)");
                }
                String[] rest = new String[args.length - 1];
                rest[0] = args[0] + " " + args[1];
                System.arraycopy(args, 2, rest, 1, args.length - 2);
                args = rest;
            }
            CommandLine line = CommandLine.parse(args);
            HotlineConfig config = ConfigLoader.load(line.config().or(() ->
                    Optional.ofNullable(environment.get("HOTLINE_CONFIG")).filter(s -> !s.isBlank()).map(Path::of)), environment);
            switch (line.command()) {
                case "start" -> {
                    line.requireNoOther();
                    HotlineServer.start(config, created -> Runtime.getRuntime().addShutdownHook(
                            new Thread(created::close, "hotline-shutdown")));
                    return 0;
                }
                case "seed" -> {
                    return SeedCommand.run(config, line);
                }
                case "flows check" -> {
                    return FlowsCommand.check(config, line, System.out, System.err);
                }
                case "user add", "user password", "user queues" -> {
                    return UserCommand.run(line.command().substring("user ".length()), config, line, System.out);
                }
                default -> throw new ConfigException("unknown command '" + line.command() + "' (try: hotline help)");
            }
        } catch (ConfigException e) {
            System.err.println("hotline: " + e.getMessage());
            return 2;
        } catch (StartupException e) {
            System.err.println("hotline: " + e.getMessage());
            return 1;
        }
    }

    /** The command and its {@code --name value} options. */
    public record CommandLine(String command, List<String[]> options) {

        static CommandLine parse(String[] args) {
            List<String[]> options = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                if (!name.startsWith("--")) {
                    throw new ConfigException("unexpected argument '" + name + "' (try: hotline help)");
                }
                if (i + 1 >= args.length) {
                    throw new ConfigException(name + " needs a value (try: hotline help)");
                }
                options.add(new String[] {name.substring(2), args[++i]});
            }
            return new CommandLine(args[0], options);
        }

        Optional<Path> config() {
            return option("config").map(Path::of);
        }

        /** The value of {@code --name}, if given. */
        public Optional<String> option(String name) {
            return options.stream().filter(o -> o[0].equals(name)).map(o -> o[1]).reduce((a, b) -> b);
        }

        /** Refuses options other than {@code --config} and the ones named. */
        public void requireNoOther(String... allowed) {
            List<String> known = new ArrayList<>(List.of(allowed));
            known.add("config");
            options.stream().map(o -> o[0]).filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
                throw new ConfigException(command + ": unknown option --" + name + " (try: hotline help)");
            });
        }
    }
}
