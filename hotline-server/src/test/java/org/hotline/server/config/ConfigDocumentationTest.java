package org.hotline.server.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table and the example file name every setting the server reads. */
class ConfigDocumentationTest {

    @Test
    void theReadmeListsEverySettingWithItsVariableAndDefault() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        for (ConfigKey key : ConfigKey.values()) {
            String shownDefault = key.defaultValue().isEmpty() ? "empty" : "`" + key.defaultValue() + "`";
            assertThat(readme).as(key.key())
                    .contains("| `" + key.key() + "` | `" + key.environmentVariable() + "` | " + shownDefault + " |");
        }
        for (AmiServerKey key : AmiServerKey.values()) {
            String shownDefault = key.defaultValue().isEmpty() ? "empty" : "`" + key.defaultValue() + "`";
            assertThat(readme).as(key.key())
                    .contains("| `ami.servers[]." + key.key() + "` | `" + key.environmentVariable() + "` | " + shownDefault + " |");
        }
    }

    @Test
    void theExampleFileNamesEveryEnvironmentVariable() throws IOException {
        String example = Files.readString(Path.of("../config/hotline.example.yaml"));
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(example).contains(key.environmentVariable());
        }
    }
}
