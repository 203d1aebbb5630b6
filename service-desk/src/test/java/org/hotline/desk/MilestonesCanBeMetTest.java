package org.hotline.desk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every SLA milestone can be met by some step of every record type it applies to, or the server does not start. */
class MilestonesCanBeMetTest {

    @Test
    void theShippedPoliciesCanAllBeMet() {
        assertThat(ShippedRules.slaPolicies(Optional.empty()).policies()).isNotEmpty();
    }

    @Test
    void aMilestoneNoStepCanMeetIsRefusedWithFileAndLine(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../config/sla-policies.yaml"));
        int line = lines.indexOf("        stops: manager_confirmed") + 1;
        assertThat(line).isPositive();
        lines.set(line - 1, "        stops: manager_signed");
        Path file = dir.resolve("sla-policies.yaml");
        Files.write(file, lines);

        assertThatThrownBy(() -> ShippedRules.slaPolicies(Optional.of(file)))
                .hasMessageStartingWith(file + ":" + line + ":")
                .hasMessageContaining("milestone 'manager-confirmation' would never be met for a repair")
                .hasMessageContaining("no step of a repair raises 'manager_signed'");
    }
}
