package org.hotline.server;

import org.hotline.server.embedded.DataDirectoryLock;
import org.hotline.server.config.HotlineConfig;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * The database for a command that is not the server ({@code seed}, {@code user}): with the
 * embedded database it works whether the server is running (it uses that server's PostgreSQL)
 * or not (it starts the embedded one itself, holding the data directory meanwhile).
 */
public final class CommandDatabase {

    private CommandDatabase() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(DataSource dataSource) throws Exception;
    }

    public static <T> T use(HotlineConfig config, Work<T> work) throws Exception {
        Optional<DataDirectoryLock> lock = config.database().embedded()
                ? DataDirectoryLock.tryAcquire(config.dataDir()) : Optional.empty();
        try (HotlineDatabase db = open(config, lock.isPresent())) {
            return work.run(db.database().dataSource());
        } finally {
            lock.ifPresent(DataDirectoryLock::close);
        }
    }

    private static HotlineDatabase open(HotlineConfig config, boolean holdsDataDirectory) {
        if (!config.database().embedded() || holdsDataDirectory) {
            return HotlineDatabase.open(config, null);
        }
        return HotlineDatabase.ofRunningServer(config).orElseThrow(() -> new StartupException("data-dir: "
                + config.dataDir() + " is locked by another Hotline process but its database is not running; try again"));
    }
}
