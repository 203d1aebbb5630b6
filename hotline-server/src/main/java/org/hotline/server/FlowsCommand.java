package org.hotline.server;

import org.hotline.desk.sla.SlaPolicies;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.load.FlowDirectory;
import org.hotline.ivr.load.InvalidFlowException;
import org.hotline.server.config.ConfigException;
import org.hotline.server.config.HotlineConfig;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code hotline flows check [--dir DIR]}: validates a flow directory as the server would load it
 * (every problem with its file and line) without starting anything. The directory: {@code --dir},
 * else ivr.flows, else ./config/flows.
 */
final class FlowsCommand {

    private FlowsCommand() {
    }

    static int check(HotlineConfig config, Main.CommandLine line, PrintStream out, PrintStream err) {
        line.requireNoOther("dir");
        Path directory = line.option("dir").map(Path::of).or(() -> config.ivr().flows())
                .orElse(Path.of("config", "flows"));
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(directory + ": not a directory of flow files (give --dir DIR)");
        }
        SlaPolicies policies = ServiceDeskRules.read(config).policies();
        try {
            Map<String, Flow> flows = FlowDirectory.load(directory, policies.calendarNames());
            out.println(directory + ": " + flows.size() + " flows, all valid");
            flows.values().forEach(f -> out.println("  " + f.name() + "  " + f.nodes().size() + " nodes, starts at " + f.start()
                    + "  (" + Path.of(f.file()).getFileName() + ", version " + f.version() + ")"));
            return 0;
        } catch (InvalidFlowException e) {
            err.println(directory + ": " + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems"));
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
    }

}
