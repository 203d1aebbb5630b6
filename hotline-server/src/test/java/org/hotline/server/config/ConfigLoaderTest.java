package org.hotline.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void withNothingConfiguredEverythingHasItsDefault() {
        HotlineConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.http()).isEqualTo(new HotlineConfig.Listen("0.0.0.0", 8080));
        assertThat(config.agi()).isEqualTo(new HotlineConfig.Agi("127.0.0.1", 4573, java.util.List.of(), 8192, 150, 32 * 1024, 1000, 500));
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.database().poolSize()).isEqualTo(10);
        assertThat(config.redis().embedded()).isTrue();
        assertThat(config.amiServers()).isEmpty();
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void fastAgiSourcesMustBeAddressesOrCidrBlocks() {
        HotlineConfig config = ConfigLoader.load(Optional.empty(), Map.of("HOTLINE_AGI_ALLOWED_SOURCES", "10.0.0.5, 192.168.10.0/24,::1"));
        assertThat(config.agi().allowedSources()).containsExactly("10.0.0.5", "192.168.10.0/24", "::1");
        for (String bad : new String[] {"pbx.example", "10.0.0.0/33", "10.0.0", "10.0.0.0/x"}) {
            assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("HOTLINE_AGI_ALLOWED_SOURCES", bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("environment variable HOTLINE_AGI_ALLOWED_SOURCES: agi.allowed-sources: '" + bad.strip() + "'");
        }
    }

    @Test
    void theShippedExampleFileIsValidAndSaysTheDefaults() {
        HotlineConfig example = ConfigLoader.load(Optional.of(Path.of("../config/hotline.example.yaml")), Map.of());

        assertThat(example).isEqualTo(ConfigLoader.load(Optional.empty(), Map.of()));
    }

    @Test
    void theFileSetsValuesAndTheEnvironmentOverridesThem() throws IOException {
        Path file = write("""
                http:
                  port: 9090
                data-dir: /var/lib/hotline
                database:
                  url: jdbc:postgresql://db.example:5432/hotline
                  user: hotline
                ami:
                  takeover-seconds: 5
                  servers:
                    - name: pbx-a
                      host: 10.0.0.5
                      secret: from-file
                    - name: pbx-b
                      host: 10.0.0.6
                      port: 5039
                """);

        HotlineConfig config = ConfigLoader.load(Optional.of(file), Map.of(
                "HOTLINE_HTTP_PORT", "9191",
                "HOTLINE_DB_PASSWORD", "s3cret",
                "HOTLINE_AMI_SECRET", "from-env",
                "PATH", "/usr/bin"));

        assertThat(config.http().port()).isEqualTo(9191);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/hotline"));
        assertThat(config.database().url()).contains("jdbc:postgresql://db.example:5432/hotline");
        assertThat(config.database().password()).isEqualTo("s3cret");
        assertThat(config.amiServers()).containsExactly(
                new HotlineConfig.AmiServer("pbx-a", "10.0.0.5", 5038, "hotline", "from-env"),
                new HotlineConfig.AmiServer("pbx-b", "10.0.0.6", 5039, "hotline", ""));
        assertThat(config.amiTakeover()).isEqualTo(java.time.Duration.ofSeconds(5));
    }

    @Test
    void amiEnvironmentVariablesAloneConfigureOneServer() {
        HotlineConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "HOTLINE_AMI_HOST", "pbx.example", "HOTLINE_AMI_PORT", "5038", "HOTLINE_AMI_USER", "hotline",
                "HOTLINE_AMI_SECRET", "x"));

        assertThat(config.amiServers()).containsExactly(
                new HotlineConfig.AmiServer("default", "pbx.example", 5038, "hotline", "x"));
    }

    @Test
    void anUnknownKeyIsRefusedWithFileLineAndTheKnownKeys() throws IOException {
        Path file = write("""
                http:
                  host: 127.0.0.1
                  prot: 8080
                """);

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: http.prot: unknown key (known in http: host, port)");
    }

    @Test
    void aBadPortIsRefusedWithFileLineAndKey() throws IOException {
        Path file = write("""
                # comment
                agi:
                  port: 70000
                """);

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .hasMessage(file + ":3: agi.port: '70000' is not a port number (0-65535)");
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("HOTLINE_HTTP_PORT", "eighty")))
                .hasMessage("environment variable HOTLINE_HTTP_PORT: http.port: 'eighty' is not a port number (0-65535)");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("HOTLINE_AMI_PORT", "0")))
                .hasMessage("environment variable HOTLINE_AMI_PORT: ami.servers[0].port: '0' is not a port number (1-65535)");
    }

    @Test
    void aMistypedEnvironmentVariableIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("HOTLINE_HTTP_PROT", "8080")))
                .hasMessageStartingWith("environment variable HOTLINE_HTTP_PROT: unknown setting");
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() throws IOException {
        Path file = write("""
                http:
                  port: 8080
                 host: [oops
                """);

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3: not valid YAML");
    }

    @Test
    void wrongShapesAreRefused() throws IOException {
        Path sectionAsValue = write("http: 8080\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(sectionAsValue), Map.of()))
                .hasMessage(sectionAsValue + ":1: http: must be a section of keys (host, port)");

        Path twice = write("http:\n  port: 1\n  port: 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(twice), Map.of()))
                .hasMessage(twice + ":3: http.port: appears twice");

        Path badServer = write("ami:\n  servers:\n    - name: a\n      hots: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(badServer), Map.of()))
                .hasMessageStartingWith(badServer + ":4: ami.servers[0].hots: unknown key");

        Path misspelt = write("ami:\n  take-over-seconds: 5\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(misspelt), Map.of()))
                .hasMessage(misspelt + ":2: ami.take-over-seconds: unknown key (known in ami: servers, takeover-seconds)");

        Path sameName = write("ami:\n  servers:\n    - name: a\n    - name: a\n");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(sameName), Map.of()))
                .hasMessageStartingWith(sameName + ":4: ami.servers[1].name: two AMI servers are named 'a'");
    }

    @Test
    void connectionStringsMustBeOfTheRightKind() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("HOTLINE_DB_URL", "postgres://x/y")))
                .hasMessageStartingWith("environment variable HOTLINE_DB_URL: database.url: must be a PostgreSQL JDBC URL");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("HOTLINE_REDIS_URI", "localhost:6379")))
                .hasMessageStartingWith("environment variable HOTLINE_REDIS_URI: redis.uri: must be a Redis URI");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of()))
                .hasMessage(missing + ": configuration file not found");
    }

    @Test
    void secretsNeverAppearInTheConfigurationsText() {
        HotlineConfig config = ConfigLoader.load(Optional.empty(), Map.of(
                "HOTLINE_DB_URL", "jdbc:postgresql://db/hotline?password=url-secret",
                "HOTLINE_DB_PASSWORD", "db-secret",
                "HOTLINE_REDIS_URI", "redis://:redis-secret@cache:6379",
                "HOTLINE_AMI_SECRET", "ami-secret"));

        assertThat(config.toString()).doesNotContain("url-secret", "db-secret", "redis-secret", "ami-secret");
    }

    @Test
    void redactionTakesSecretsOutOfConnectionStrings() {
        assertThat(Redaction.connectionString("redis://user:pw@cache:6379/0")).isEqualTo("redis://****@cache:6379/0");
        assertThat(Redaction.connectionString("jdbc:postgresql://h:5432/db?user=a&password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=a&password=****&ssl=true");
        assertThat(Redaction.connectionString("jdbc:postgresql://h:5432/db")).isEqualTo("jdbc:postgresql://h:5432/db");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "hotline", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
