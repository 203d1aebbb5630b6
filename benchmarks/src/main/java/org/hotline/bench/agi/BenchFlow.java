package org.hotline.bench.agi;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The IVR both servers run in the benchmark: answer, greeting, a one-key menu, a serial keyed
 * in, the serial read back, then the four variables that hand the caller to a queue. Nine AGI
 * commands, the same ones in the same order on both sides.
 */
final class BenchFlow {

    static final String NAME = "bench";
    static final int COMMANDS = 9;

    static final String YAML = """
            flow: bench
            start: greeting
            prompts:
              welcome: hotline/welcome
              menu: hotline/main-menu
              serial: hotline/enter-serial
            nodes:
              greeting:
                play: welcome
                next: menu
              menu:
                menu: menu
                timeout: 6s
                options:
                  "1": repair
                on-invalid: repair
              repair:
                set:
                  intent: repair
                next: serial
              serial:
                collect: serial
                into: serial
                digits: 4-20
                timeout: 8s
                next: read-back
                on-fail: read-back
              read-back:
                say-digits: "${serial}"
                next: queue
              queue:
                queue: service
                priority: "0"
            """;

    private BenchFlow() {
    }

    static Path writeTo(Path directory) throws java.io.IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("bench.yaml"), YAML);
        return directory;
    }
}
