package org.hotline.server.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every scalar configuration key: its place in the YAML file, the environment variable that
 * overrides it, its default, and what it means. The README's configuration table lists these.
 * The AMI servers, a list, are described by {@link AmiServerKey}.
 */
public enum ConfigKey implements DocumentedKey {
    HTTP_HOST("http.host", "HOTLINE_HTTP_HOST", "0.0.0.0", "address the HTTP server listens on"),
    HTTP_PORT("http.port", "HOTLINE_HTTP_PORT", "8080", "HTTP port (REST, websockets, pages, health); 0 picks a free one"),
    MANAGEMENT_HOST("management.host", "HOTLINE_MANAGEMENT_HOST", "127.0.0.1",
            "address of the management port (metrics and health): loopback, so that only this machine (or a tunnel) reads them"),
    MANAGEMENT_PORT("management.port", "HOTLINE_MANAGEMENT_PORT", "8081", "management port: /metrics, /health/live, /health/ready; 0 picks a free one"),
    AGI_HOST("agi.host", "HOTLINE_AGI_HOST", "127.0.0.1",
            "address the FastAGI server listens on: loopback for an Asterisk on the same machine; the address Asterisk reaches otherwise"),
    AGI_PORT("agi.port", "HOTLINE_AGI_PORT", "4573", "FastAGI port that Asterisk's AGI(agi://...) connects to"),
    AGI_ALLOWED_SOURCES("agi.allowed-sources", "HOTLINE_AGI_ALLOWED_SOURCES", "",
            "addresses and CIDR blocks (comma-separated) that may open FastAGI sessions; empty: the configured Asterisk hosts (ami.servers), or loopback when there are none"),
    AGI_MAX_LINE("agi.max-line-bytes", "HOTLINE_AGI_MAX_LINE_BYTES", "8192", "longest line a FastAGI peer may send"),
    AGI_MAX_HEADERS("agi.max-headers", "HOTLINE_AGI_MAX_HEADERS", "150", "most agi_* header lines in one FastAGI request"),
    AGI_MAX_REQUEST("agi.max-request-kb", "HOTLINE_AGI_MAX_REQUEST_KB", "32", "largest FastAGI request (its header lines together)"),
    AGI_MAX_SESSIONS("agi.max-sessions", "HOTLINE_AGI_MAX_SESSIONS", "1000", "most FastAGI sessions open at once"),
    AGI_MAX_SESSIONS_PER_SOURCE("agi.max-sessions-per-source", "HOTLINE_AGI_MAX_SESSIONS_PER_SOURCE", "500",
            "most FastAGI sessions open at once from one address"),
    AGI_IDLE("agi.idle-seconds", "HOTLINE_AGI_IDLE_SECONDS", "3600",
            "a FastAGI session that sends nothing for this long is closed (no fixed read timeout otherwise)"),
    IVR_FLOWS("ivr.flows", "HOTLINE_IVR_FLOWS", "",
            "directory of IVR flow files (*.yaml), reloaded when they change; empty: the flows shipped in the jar (copies of config/flows)"),
    IVR_RELOAD("ivr.reload-seconds", "HOTLINE_IVR_RELOAD_SECONDS", "2",
            "how often ivr.flows is checked for changed files; 0: only at start"),
    IVR_HANDLE_TIME("ivr.handle-time-seconds", "HOTLINE_IVR_HANDLE_TIME_SECONDS", "180",
            "average handle time the expected wait assumes while Asterisk has no talk time for a queue yet"),
    IVR_DESK_WAIT("ivr.desk-wait-millis", "HOTLINE_IVR_DESK_WAIT_MILLIS", "2000",
            "how long a caller waits in silence for the service desk (caller lookup, products, a record, a callback) before the flow "
                    + "goes on by its default branch; what the caller asked for is written when the database can take it"),
    DATA_DIR("data-dir", "HOTLINE_DATA_DIR", "./data", "where the embedded PostgreSQL keeps its data; one server per directory"),
    DB_URL("database.url", "HOTLINE_DB_URL", "", "JDBC URL of an external PostgreSQL; empty: run the embedded one"),
    DB_USER("database.user", "HOTLINE_DB_USER", "", "user for database.url"),
    DB_PASSWORD("database.password", "HOTLINE_DB_PASSWORD", "", "password for database.url (never logged)"),
    DB_POOL_SIZE("database.pool-size", "HOTLINE_DB_POOL_SIZE", "10", "maximum pooled database connections"),
    DB_PENDING_WRITES("database.pending-writes", "HOTLINE_DB_PENDING_WRITES", "200000",
            "most writes each writer (call records, agent states, IVR sessions and records, callback outcomes) keeps, in order, "
                    + "while the database takes none; beyond it new writes are refused, counted and logged"),
    DB_CONNECT_TIMEOUT("database.connect-timeout-seconds", "HOTLINE_DB_CONNECT_TIMEOUT_SECONDS", "10",
            "how long start-up waits for the database before giving up"),
    DB_EMBEDDED_PORT("database.embedded-port", "HOTLINE_DB_EMBEDDED_PORT", "0",
            "port of the embedded PostgreSQL (loopback only); 0 picks a free one"),
    REDIS_URI("redis.uri", "HOTLINE_REDIS_URI", "", "URI of an external Redis (redis://host:6379, or its Sentinels: redis-sentinel://s1:26379,s2:26379#mymaster); empty: run the embedded one"),
    REDIS_EMBEDDED_PORT("redis.embedded-port", "HOTLINE_REDIS_EMBEDDED_PORT", "0",
            "port of the embedded Redis (loopback only); 0 picks a free one"),
    API_TOKEN_SECRET("api.token-secret", "HOTLINE_API_TOKEN_SECRET", "",
            "secret (32+ characters) signing access tokens, the same on every node; empty: one made at first start in data-dir"),
    API_ACCESS_MINUTES("api.access-token-minutes", "HOTLINE_API_ACCESS_TOKEN_MINUTES", "15", "how long an access token is valid"),
    API_REFRESH_DAYS("api.refresh-token-days", "HOTLINE_API_REFRESH_TOKEN_DAYS", "7", "how long a login lasts without use"),
    API_PASSWORD_MIN("api.password-min-length", "HOTLINE_API_PASSWORD_MIN_LENGTH", "15",
            "shortest password user add and user password take (NIST SP 800-63B; common passwords are refused at any length)"),
    API_LOGIN_DELAY_AFTER("api.login-failures-before-delay", "HOTLINE_API_LOGIN_FAILURES_BEFORE_DELAY", "5",
            "failed logins of one user name in a row before each next try must wait (1 s, doubling); four times as many from one address"),
    API_LOGIN_LOCK_AFTER("api.login-failures-before-lock", "HOTLINE_API_LOGIN_FAILURES_BEFORE_LOCK", "10",
            "failed logins of one user name in a row that lock it (an admin can lift the lock)"),
    API_LOGIN_LOCK_MINUTES("api.login-lock-minutes", "HOTLINE_API_LOGIN_LOCK_MINUTES", "15", "how long a lock lasts"),
    API_LOGIN_AUDIT_DAYS("api.login-audit-days", "HOTLINE_API_LOGIN_AUDIT_DAYS", "90", "how long the login audit is kept"),
    API_MAX_BODY_KB("api.max-body-kb", "HOTLINE_API_MAX_BODY_KB", "64", "largest request body the API takes (larger: 413)"),
    DIALER_PREVIEW("dialer.preview-seconds", "HOTLINE_DIALER_PREVIEW_SECONDS", "10",
            "how long an agent sees a callback offered before it is dialled for them"),
    WALLBOARD_SL_SECONDS("wallboard.service-level-seconds", "HOTLINE_WALLBOARD_SERVICE_LEVEL_SECONDS", "20",
            "a call answered within this many seconds counts toward the service level"),
    WALLBOARD_SL_FORMULA("wallboard.service-level-formula", "HOTLINE_WALLBOARD_SERVICE_LEVEL_FORMULA", "offered-less-short-abandons",
            "service level out of: answered, offered (answered + abandoned), offered-less-short-abandons"),
    WALLBOARD_DAY_START("wallboard.day-starts-at", "HOTLINE_WALLBOARD_DAY_STARTS_AT", "00:00",
            "when the wallboard's \"today\" figures start again (in service-desk's time zone)"),
    WALLBOARD_WINDOW("wallboard.window-minutes", "HOTLINE_WALLBOARD_WINDOW_MINUTES", "15", "the rolling window of the recent figures"),
    SLA_POLICIES("service-desk.sla-policies", "HOTLINE_SLA_POLICIES", "",
            "SLA policies file; empty: the shipped config/sla-policies.yaml"),
    DESK_RULES("service-desk.rules", "HOTLINE_DESK_RULES", "",
            "complaint routing, escalation and callback rules; empty: the shipped config/service-desk.yaml"),
    TIMERS_POLL("timers.poll-millis", "HOTLINE_TIMERS_POLL_MILLIS", "100",
            "how often this node looks for due callbacks, SLA deadlines and events to relay"),
    TIMERS_BATCH("timers.batch-size", "HOTLINE_TIMERS_BATCH_SIZE", "500", "most items one timer transaction takes"),
    AMI_TAKEOVER("ami.takeover-seconds", "HOTLINE_AMI_TAKEOVER_SECONDS", "10",
            "one node at a time follows each Asterisk server: how soon another node takes over when it dies or loses its link"),
    NODE_NAME("node-name", "HOTLINE_NODE_NAME", "", "this server's name on the leases it takes; empty: host name and pid"),
    SHUTDOWN_TIMEOUT("shutdown-timeout-seconds", "HOTLINE_SHUTDOWN_TIMEOUT_SECONDS", "20",
            "how long a graceful shutdown may take before it stops waiting");

    private final Doc doc;

    ConfigKey(String key, String environmentVariable, String defaultValue, String description) {
        this.doc = new Doc(key, environmentVariable, defaultValue, description);
    }

    @Override
    public Doc doc() {
        return doc;
    }

    static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }

    /** The sections (first part of a dotted key) that hold scalar keys, plus "ami". */
    static List<String> sections() {
        return Arrays.stream(values()).map(ConfigKey::key).filter(k -> k.contains("."))
                .map(k -> k.substring(0, k.indexOf('.'))).distinct().toList();
    }
}
