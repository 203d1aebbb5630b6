package org.hotline.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The server's configuration, checked and typed. Secrets never appear in {@link #toString()}. */
public record HotlineConfig(
        Listen http,
        Listen management,
        Agi agi,
        Ivr ivr,
        Api api,
        Wallboard wallboard,
        Duration dialerPreview,
        Path dataDir,
        Database database,
        Redis redis,
        List<AmiServer> amiServers,
        Duration amiTakeover,
        ServiceDeskFiles serviceDesk,
        Timers timers,
        String nodeName,
        Duration shutdownTimeout) {

    /** The rule files; empty: the copies shipped with the server. */
    public record ServiceDeskFiles(Optional<Path> slaPolicies, Optional<Path> rules) {
    }

    /**
     * The IVR: the flow directory (empty: the shipped flows), how often it is checked for
     * changes (zero: never), the handle time the expected wait assumes, the FastAGI idle limit,
     * how long a caller waits for the service desk before the flow goes on without its answer.
     */
    public record Ivr(Optional<Path> flows, Duration reloadEvery, Duration handleTime, Duration idleLimit, Duration deskWait) {
    }

    /**
     * The agent API: the token secret (empty: one kept in the data directory), token lifetimes, body
     * limit, the password policy's minimum, login throttling and the login audit's keeping time.
     */
    public record Api(Optional<String> tokenSecret, Duration accessTokenTtl, Duration refreshTokenTtl, long maxBodyBytes,
                      int passwordMinLength, int loginFailuresBeforeDelay, int loginFailuresBeforeLock, Duration loginLock,
                      Duration loginAuditKept) {

        @Override
        public String toString() {
            return "Api[tokenSecret=" + (tokenSecret.isPresent() ? "****" : "in data-dir") + ", accessTokenTtl=" + accessTokenTtl
                    + ", refreshTokenTtl=" + refreshTokenTtl + ", maxBodyBytes=" + maxBodyBytes + ", passwordMinLength="
                    + passwordMinLength + ", loginFailuresBeforeDelay=" + loginFailuresBeforeDelay + ", loginFailuresBeforeLock="
                    + loginFailuresBeforeLock + ", loginLock=" + loginLock + ", loginAuditKept=" + loginAuditKept + "]";
        }
    }

    /** The wallboard's service level (threshold, formula), day start and rolling window. */
    public record Wallboard(Duration serviceLevelThreshold, String serviceLevelFormula, java.time.LocalTime dayStartsAt,
                            Duration window) {
    }

    /** How this node runs the timers (due callbacks, SLA deadlines, event relay). */
    public record Timers(Duration pollInterval, int batchSize) {
    }

    /**
     * The FastAGI server: where it listens, who may connect (addresses and CIDR blocks; empty: the
     * configured Asterisk hosts, or loopback when there are none), and the limits on each peer.
     */
    public record Agi(String host, int port, List<String> allowedSources, int maxLineBytes, int maxHeaders, int maxRequestBytes,
                      int maxSessions, int maxSessionsPerSource) {
    }

    /** An address and port to listen on; port 0 picks a free one. */
    public record Listen(String host, int port) {
    }

    /**
     * An external PostgreSQL when {@code url} is present, else the embedded one; {@code pendingWrites}:
     * the most writes each writer keeps while the database takes none.
     */
    public record Database(Optional<String> url, String user, String password, int poolSize, int pendingWrites,
                           Duration connectTimeout, int embeddedPort) {

        public boolean embedded() {
            return url.isEmpty();
        }

        @Override
        public String toString() {
            return "Database[url=" + url.map(Redaction::connectionString).orElse("embedded") + ", user=" + user
                    + ", password=" + (password.isEmpty() ? "" : "****") + ", poolSize=" + poolSize + ", pendingWrites=" + pendingWrites + "]";
        }
    }

    /** An external Redis when {@code uri} is present, else the embedded one. */
    public record Redis(Optional<String> uri, int embeddedPort) {

        public boolean embedded() {
            return uri.isEmpty();
        }

        @Override
        public String toString() {
            return "Redis[uri=" + uri.map(Redaction::connectionString).orElse("embedded") + "]";
        }
    }

    /** One Asterisk server reached over AMI. */
    public record AmiServer(String name, String host, int port, String user, String secret) {

        @Override
        public String toString() {
            return "AmiServer[name=" + name + ", host=" + host + ", port=" + port + ", user=" + user
                    + ", secret=" + (secret.isEmpty() ? "" : "****") + "]";
        }
    }
}
