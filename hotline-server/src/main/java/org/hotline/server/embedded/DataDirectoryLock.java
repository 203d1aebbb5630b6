package org.hotline.server.embedded;

import org.hotline.server.StartupException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One Hotline process per data directory: an OS file lock on {@code hotline.lock}, held for
 * the life of the process and released by the OS if it dies. The file names the holder's pid.
 */
public final class DataDirectoryLock implements AutoCloseable {

    public static final String FILE_NAME = "hotline.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or refuses with a message naming the holder. */
    public static DataDirectoryLock acquire(Path dataDir) {
        return tryAcquire(dataDir).orElseThrow(() -> new StartupException("data-dir: " + dataDir
                + " is in use by another Hotline process" + holder(dataDir)
                + "; stop it first, or give this one its own HOTLINE_DATA_DIR"));
    }

    /** Takes the lock if no other process holds it. */
    public static Optional<DataDirectoryLock> tryAcquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return Optional.of(new DataDirectoryLock(channel, lock));
        } catch (IOException e) {
            throw new StartupException("data-dir: cannot use " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static String holder(Path dataDir) {
        try {
            String pid = Files.readString(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8).trim();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the OS releases the lock with the process anyway
        }
    }
}
