package org.hotline.server.config;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the configuration: the YAML file if there is one, then the {@code HOTLINE_*}
 * environment variables over it, then the defaults for what is left. Any key or value it
 * cannot use stops it with a {@link ConfigException} naming the file and line (or the
 * environment variable), the key, and the problem.
 */
public final class ConfigLoader {

    /** Environment variables that the launch scripts use and the server ignores. */
    private static final Set<String> SCRIPT_VARIABLES = Set.of("HOTLINE_CONFIG", "HOTLINE_JAVA_OPTS");

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<Map<AmiServerKey, Setting>> amiServers = new ArrayList<>();
    private String fileLabel;

    private ConfigLoader() {
    }

    /**
     * @param file the YAML file, if one was given
     * @param environment the process environment (tests pass their own)
     */
    public static HotlineConfig load(Optional<Path> file, Map<String, String> environment) {
        ConfigLoader loader = new ConfigLoader();
        file.ifPresent(loader::readFile);
        loader.applyEnvironment(environment);
        return loader.build();
    }

    private void readFile(Path file) {
        fileLabel = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(fileLabel + ": configuration file not found");
        } catch (IOException e) {
            throw new ConfigException(fileLabel + ": cannot read the configuration file: " + e.getMessage());
        }
        Optional<Node> root;
        try {
            LoadSettings yaml = LoadSettings.builder().setLabel(fileLabel).build();
            root = new Composer(yaml, new ParserImpl(yaml, new StreamReader(yaml, text))).getSingleNode();
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(fileLabel + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new ConfigException(fileLabel + ": not valid YAML: " + e.getMessage());
        }
        if (root.isEmpty()) {
            return; // an empty file: all defaults
        }
        if (!(root.get() instanceof MappingNode mapping)) {
            throw new ConfigException(origin(root.get()) + ": the configuration must be a mapping of keys to values");
        }
        readMapping(mapping, "");
    }

    private void readMapping(MappingNode mapping, String prefix) {
        Set<String> seen = new java.util.HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigException(origin(tuple.getKeyNode()) + ": keys must be plain names");
            }
            String key = prefix + keyNode.getValue();
            if (!seen.add(key)) {
                throw new ConfigException(origin(keyNode) + ": " + key + ": appears twice");
            }
            Node value = tuple.getValueNode();
            if (key.equals("ami.servers")) {
                readAmiServers(key, value);
            } else if (ConfigKey.byKey(key).isPresent()) {
                settings.put(key, new Setting(key, scalar(key, value), origin(keyNode)));
            } else if (isSection(key)) {
                if (!(value instanceof MappingNode section)) {
                    throw new ConfigException(origin(keyNode) + ": " + key + ": must be a section of keys ("
                            + String.join(", ", keysOf(key)) + ")");
                }
                readMapping(section, key + ".");
            } else {
                throw new ConfigException(origin(keyNode) + ": " + key + ": unknown key" + knownKeysHint(prefix));
            }
        }
    }

    private void readAmiServers(String key, Node value) {
        if (!(value instanceof SequenceNode list)) {
            throw new ConfigException(origin(value) + ": " + key + ": must be a list of servers (- name: ..., host: ...)");
        }
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String itemKey = key + "[" + i + "]";
            if (!(item instanceof MappingNode server)) {
                throw new ConfigException(origin(item) + ": " + itemKey + ": must be a mapping (name, host, port, user, secret)");
            }
            Map<AmiServerKey, Setting> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : server.getValue()) {
                String name = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                String fieldKey = itemKey + "." + name;
                AmiServerKey field = AmiServerKey.byKey(name).orElseThrow(() -> new ConfigException(
                        origin(tuple.getKeyNode()) + ": " + fieldKey + ": unknown key (known: "
                                + String.join(", ", Arrays.stream(AmiServerKey.values()).map(AmiServerKey::key).toList()) + ")"));
                if (fields.put(field, new Setting(fieldKey, scalar(fieldKey, tuple.getValueNode()), origin(tuple.getKeyNode()))) != null) {
                    throw new ConfigException(origin(tuple.getKeyNode()) + ": " + fieldKey + ": appears twice");
                }
            }
            amiServers.add(fields);
        }
    }

    private String scalar(String key, Node value) {
        if (!(value instanceof ScalarNode scalar)) {
            throw new ConfigException(origin(value) + ": " + key + ": must be a single value, not a list or section");
        }
        return scalar.getValue().trim();
    }

    private void applyEnvironment(Map<String, String> environment) {
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith("HOTLINE_") || SCRIPT_VARIABLES.contains(name)) {
                continue;
            }
            String origin = "environment variable " + name;
            Optional<ConfigKey> key = Arrays.stream(ConfigKey.values())
                    .filter(k -> k.environmentVariable().equals(name)).findFirst();
            Optional<AmiServerKey> amiKey = Arrays.stream(AmiServerKey.values())
                    .filter(k -> k.environmentVariable().equals(name)).findFirst();
            if (key.isPresent()) {
                settings.put(key.get().key(), new Setting(key.get().key(), variable.getValue().trim(), origin));
            } else if (amiKey.isPresent()) {
                if (amiServers.isEmpty()) {
                    amiServers.add(new LinkedHashMap<>());
                }
                String fieldKey = "ami.servers[0]." + amiKey.get().key();
                amiServers.getFirst().put(amiKey.get(), new Setting(fieldKey, variable.getValue().trim(), origin));
            } else {
                throw new ConfigException(origin + ": unknown setting (see the configuration table in README.md)");
            }
        }
    }

    private HotlineConfig build() {
        Optional<String> dbUrl = optional(ConfigKey.DB_URL);
        Optional<String> redisUri = optional(ConfigKey.REDIS_URI);
        if (dbUrl.isPresent() && !dbUrl.get().startsWith("jdbc:postgresql:")) {
            throw setting(ConfigKey.DB_URL).invalid("must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)");
        }
        if (redisUri.isPresent() && !redisUri.get().matches("(rediss?|redis-sentinel)://.+")) {
            throw setting(ConfigKey.REDIS_URI).invalid("must be a Redis URI (redis://host:6379, or through Sentinel: "
                    + "redis-sentinel://sentinel-1:26379,sentinel-2:26379#mymaster)");
        }
        return new HotlineConfig(
                new HotlineConfig.Listen(text(ConfigKey.HTTP_HOST), port(setting(ConfigKey.HTTP_PORT), true)),
                new HotlineConfig.Listen(text(ConfigKey.MANAGEMENT_HOST), port(setting(ConfigKey.MANAGEMENT_PORT), true)),
                agi(),
                new HotlineConfig.Ivr(optional(ConfigKey.IVR_FLOWS).map(Path::of),
                        java.time.Duration.ofSeconds(notNegative(setting(ConfigKey.IVR_RELOAD))),
                        java.time.Duration.ofSeconds(positive(setting(ConfigKey.IVR_HANDLE_TIME))),
                        java.time.Duration.ofSeconds(positive(setting(ConfigKey.AGI_IDLE))),
                        java.time.Duration.ofMillis(positive(setting(ConfigKey.IVR_DESK_WAIT)))),
                new HotlineConfig.Api(tokenSecret(),
                        java.time.Duration.ofMinutes(positive(setting(ConfigKey.API_ACCESS_MINUTES))),
                        java.time.Duration.ofDays(positive(setting(ConfigKey.API_REFRESH_DAYS))),
                        positive(setting(ConfigKey.API_MAX_BODY_KB)) * 1024L, passwordMinLength(),
                        positive(setting(ConfigKey.API_LOGIN_DELAY_AFTER)), positive(setting(ConfigKey.API_LOGIN_LOCK_AFTER)),
                        java.time.Duration.ofMinutes(positive(setting(ConfigKey.API_LOGIN_LOCK_MINUTES))),
                        java.time.Duration.ofDays(positive(setting(ConfigKey.API_LOGIN_AUDIT_DAYS)))),
                new HotlineConfig.Wallboard(java.time.Duration.ofSeconds(positive(setting(ConfigKey.WALLBOARD_SL_SECONDS))),
                        formula(), dayStart(), java.time.Duration.ofMinutes(positive(setting(ConfigKey.WALLBOARD_WINDOW)))),
                java.time.Duration.ofSeconds(notNegative(setting(ConfigKey.DIALER_PREVIEW))),
                Path.of(nonEmpty(setting(ConfigKey.DATA_DIR))).toAbsolutePath().normalize(),
                new HotlineConfig.Database(dbUrl, text(ConfigKey.DB_USER), text(ConfigKey.DB_PASSWORD),
                        positive(setting(ConfigKey.DB_POOL_SIZE)), positive(setting(ConfigKey.DB_PENDING_WRITES)),
                        java.time.Duration.ofSeconds(positive(setting(ConfigKey.DB_CONNECT_TIMEOUT))),
                        port(setting(ConfigKey.DB_EMBEDDED_PORT), true)),
                new HotlineConfig.Redis(redisUri, port(setting(ConfigKey.REDIS_EMBEDDED_PORT), true)),
                amiServers(),
                java.time.Duration.ofSeconds(positive(setting(ConfigKey.AMI_TAKEOVER))),
                new HotlineConfig.ServiceDeskFiles(optional(ConfigKey.SLA_POLICIES).map(Path::of),
                        optional(ConfigKey.DESK_RULES).map(Path::of)),
                new HotlineConfig.Timers(java.time.Duration.ofMillis(positive(setting(ConfigKey.TIMERS_POLL))),
                        positive(setting(ConfigKey.TIMERS_BATCH))),
                optional(ConfigKey.NODE_NAME).orElseGet(ConfigLoader::defaultNodeName),
                java.time.Duration.ofSeconds(positive(setting(ConfigKey.SHUTDOWN_TIMEOUT))));
    }

    private HotlineConfig.Agi agi() {
        Setting sources = setting(ConfigKey.AGI_ALLOWED_SOURCES);
        List<String> allowed = Arrays.stream(sources.value().split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        try {
            org.hotline.bridge.agi.AgiSources.of(allowed);
        } catch (IllegalArgumentException e) {
            throw sources.invalid(e.getMessage());
        }
        int maxLine = positive(setting(ConfigKey.AGI_MAX_LINE));
        if (maxLine < 256) {
            throw setting(ConfigKey.AGI_MAX_LINE).invalid("'" + maxLine + "' is too short for Asterisk's own lines (256 or more)");
        }
        Setting request = setting(ConfigKey.AGI_MAX_REQUEST);
        int maxRequest = positive(request) * 1024;
        if (maxRequest < maxLine) {
            throw request.invalid("must hold at least one line of agi.max-line-bytes (" + maxLine + " bytes)");
        }
        return new HotlineConfig.Agi(text(ConfigKey.AGI_HOST), port(setting(ConfigKey.AGI_PORT), true), allowed, maxLine,
                positive(setting(ConfigKey.AGI_MAX_HEADERS)), maxRequest, positive(setting(ConfigKey.AGI_MAX_SESSIONS)),
                positive(setting(ConfigKey.AGI_MAX_SESSIONS_PER_SOURCE)));
    }

    private int passwordMinLength() {
        Setting min = setting(ConfigKey.API_PASSWORD_MIN);
        int length = positive(min);
        if (length < 8 || length > 128) {
            throw min.invalid("'" + length + "' is outside 8-128 (NIST SP 800-63B: at least 8, and 15 for a password used alone)");
        }
        return length;
    }

    private String formula() {
        Setting formula = setting(ConfigKey.WALLBOARD_SL_FORMULA);
        if (!List.of("answered", "offered", "offered-less-short-abandons").contains(formula.value())) {
            throw formula.invalid("'" + formula.value() + "' is not one of answered, offered, offered-less-short-abandons");
        }
        return formula.value();
    }

    private java.time.LocalTime dayStart() {
        Setting start = setting(ConfigKey.WALLBOARD_DAY_START);
        try {
            return java.time.LocalTime.parse(start.value());
        } catch (java.time.format.DateTimeParseException e) {
            throw start.invalid("'" + start.value() + "' is not a time of day like 00:00 or 06:30");
        }
    }

    private Optional<String> tokenSecret() {
        Optional<String> secret = optional(ConfigKey.API_TOKEN_SECRET);
        if (secret.isPresent() && secret.get().length() < 32) {
            throw setting(ConfigKey.API_TOKEN_SECRET).invalid("must be at least 32 characters (the value is not shown)");
        }
        return secret;
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private List<HotlineConfig.AmiServer> amiServers() {
        List<HotlineConfig.AmiServer> servers = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < amiServers.size(); i++) {
            Map<AmiServerKey, Setting> fields = amiServers.get(i);
            String prefix = "ami.servers[" + i + "].";
            java.util.function.Function<AmiServerKey, Setting> field = k -> fields.getOrDefault(k,
                    new Setting(prefix + k.key(), k.defaultValue(), "default"));
            Setting name = field.apply(AmiServerKey.NAME);
            if (!names.add(nonEmpty(name))) {
                throw name.invalid("two AMI servers are named '" + name.value() + "'; names must differ");
            }
            servers.add(new HotlineConfig.AmiServer(name.value(), nonEmpty(field.apply(AmiServerKey.HOST)),
                    port(field.apply(AmiServerKey.PORT), false), nonEmpty(field.apply(AmiServerKey.USER)),
                    field.apply(AmiServerKey.SECRET).value()));
        }
        return List.copyOf(servers);
    }

    private Setting setting(ConfigKey key) {
        return settings.getOrDefault(key.key(), new Setting(key.key(), key.defaultValue(), "default"));
    }

    private String text(ConfigKey key) {
        return setting(key).value();
    }

    private Optional<String> optional(ConfigKey key) {
        return Optional.of(text(key)).filter(v -> !v.isEmpty());
    }

    private static String nonEmpty(Setting setting) {
        if (setting.value().isEmpty()) {
            throw setting.invalid("must not be empty");
        }
        return setting.value();
    }

    private static int port(Setting setting, boolean zeroPicksFree) {
        int lowest = zeroPicksFree ? 0 : 1;
        try {
            int port = Integer.parseInt(setting.value());
            if (port >= lowest && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw setting.invalid("'" + setting.value() + "' is not a port number (" + lowest + "-65535)");
    }

    private static int notNegative(Setting setting) {
        try {
            int value = Integer.parseInt(setting.value());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw setting.invalid("'" + setting.value() + "' is not a whole number, 0 or more");
    }

    private static int positive(Setting setting) {
        try {
            int value = Integer.parseInt(setting.value());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw setting.invalid("'" + setting.value() + "' is not a positive whole number");
    }

    private String origin(Node node) {
        return fileLabel + ":" + node.getStartMark().map(m -> m.getLine() + 1).map(String::valueOf).orElse("?");
    }

    private static boolean isSection(String key) {
        return key.equals("ami") || ConfigKey.sections().contains(key);
    }

    private static List<String> keysOf(String section) {
        List<String> keys = new ArrayList<>(section.equals("ami") ? List.of("servers") : List.of());
        Arrays.stream(ConfigKey.values()).map(ConfigKey::key).filter(k -> k.startsWith(section + "."))
                .map(k -> k.substring(section.length() + 1)).forEach(keys::add);
        return keys;
    }

    private static String knownKeysHint(String prefix) {
        if (prefix.isEmpty()) {
            List<String> top = new ArrayList<>(ConfigKey.sections());
            if (!top.contains("ami")) {
                top.add("ami");
            }
            Arrays.stream(ConfigKey.values()).map(ConfigKey::key).filter(k -> !k.contains(".")).forEach(top::add);
            return " (known: " + String.join(", ", top) + ")";
        }
        String section = prefix.substring(0, prefix.length() - 1);
        return " (known in " + section + ": " + String.join(", ", keysOf(section)) + ")";
    }
}
