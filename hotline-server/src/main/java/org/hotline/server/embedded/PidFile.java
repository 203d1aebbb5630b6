package org.hotline.server.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A pid file as PostgreSQL and Redis write it: the process id on the first line. */
final class PidFile {

    private PidFile() {
    }

    /**
     * The live process whose pid the file holds, if its command contains {@code command}
     * (so a pid reused by another program is never taken for ours).
     */
    static Optional<ProcessHandle> process(Path pidFile, String command) {
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
            return ProcessHandle.of(Long.parseLong(first))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains(command)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
