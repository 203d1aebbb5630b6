package org.hotline.ivr.load;

import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.Menu;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowReaderTest {

    private static final Set<String> CALENDARS = Set.of("office", "around-the-clock");
    private final FlowReader reader = new FlowReader(CALENDARS);

    private static final String VALID = """
            flow: tiny
            languages: [zh, en]
            start: hello
            prompts:
              hello: hotline/welcome
              menu: {zh: hotline/zh-menu, en: hotline/en-menu}
            nodes:
              hello:
                play: hello
                next: menu
              menu:
                menu: menu
                options:
                  "1": open
                  "2": hello
                on-invalid: bye
              open:
                branch:
                  - if: "hours.office and not customer.key"
                    goto: bye
                else: bye
              bye:
                hang-up:
            """;

    @Test
    void readsAValidFlowWithItsNodesPromptsAndLanguages() {
        Flow flow = reader.read("flows/tiny.yaml", VALID);

        assertThat(flow.name()).isEqualTo("tiny");
        assertThat(flow.nodes()).containsOnlyKeys("hello", "menu", "open", "bye");
        Menu menu = (Menu) flow.node("menu");
        assertThat(menu.options()).containsEntry("1", "open").containsEntry("2", "hello");
        assertThat(menu.onTimeout()).as("on-timeout defaults to on-invalid").isEqualTo("bye");
        assertThat(menu.line()).isEqualTo(11);
        assertThat(flow.prompts().sound("menu", "en")).isEqualTo("hotline/en-menu");
        assertThat(flow.prompts().sound("menu", "fr")).as("an unknown language hears the first").isEqualTo("hotline/zh-menu");
        assertThat(flow.version()).hasSize(12);
    }

    @Test
    void aLoopThroughAMenuIsFineSinceItWaitsForTheCaller() {
        assertThat(reader.read("tiny.yaml", VALID).node("hello").exits()).containsExactly("menu");
    }

    @Test
    void aGotoToNowhereNamesTheFileTheLineAndTheTarget() {
        String text = VALID.replace("next: menu", "next: menuu");
        assertThatThrownBy(() -> reader.read("flows/tiny.yaml", text))
                .isInstanceOf(InvalidFlowException.class)
                .hasMessageContaining("flows/tiny.yaml:8: nodes.hello: goes to 'menuu', which is not a node");
    }

    @Test
    void anUnknownNodeKindIsRefusedWithTheKindsThereAre() {
        String text = VALID.replace("    play: hello\n", "    ply: hello\n");
        assertThatThrownBy(() -> reader.read("tiny.yaml", text))
                .hasMessageContaining("tiny.yaml:8: nodes.hello: says nothing to do: give one of play, say-digits");
    }

    @Test
    void aKeyThatDoesNotBelongToTheKindIsRefused() {
        String text = VALID.replace("    on-invalid: bye\n", "    on-invalid: bye\n    retries: 3\n");
        assertThatThrownBy(() -> reader.read("tiny.yaml", text))
                .hasMessageContaining("tiny.yaml:17: nodes.menu.retries: unknown key");
    }

    @Test
    void aPromptThatIsNotDefinedIsNamed() {
        String text = VALID.replace("    play: hello\n", "    play: [hello, welcome-back]\n");
        assertThatThrownBy(() -> reader.read("tiny.yaml", text))
                .hasMessageContaining("tiny.yaml:8: nodes.hello: plays prompt 'welcome-back', which is not among the flow's prompts");
    }

    @Test
    void aPromptWithoutASoundForEveryLanguageIsRefused() {
        String text = VALID.replace("{zh: hotline/zh-menu, en: hotline/en-menu}", "{zh: hotline/zh-menu}");
        assertThatThrownBy(() -> reader.read("tiny.yaml", text))
                .hasMessageContaining("tiny.yaml:6: prompts.menu: no sound for en");
    }

    @Test
    void aNodeNothingLeadsToIsUnreachable() {
        String text = VALID + """
                  orphan:
                    play: hello
                    next: bye
                """;
        assertThatThrownBy(() -> reader.read("tiny.yaml", text))
                .hasMessageContaining("tiny.yaml:24: nodes.orphan: cannot be reached from start 'hello'");
    }

    @Test
    void aLoopThatNeverWaitsForTheCallerIsRefused() {
        String text = VALID.replace("""
                  open:
                    branch:
                      - if: "hours.office and not customer.key"
                        goto: bye
                    else: bye
                """, """
                  open:
                    set:
                      tries: again
                    next: again
                  again:
                    goto: open
                """);
        assertThatThrownBy(() -> reader.read("tiny.yaml", text))
                .hasMessageContaining("nodes.open: loops back through open -> again -> open without waiting for the caller");
    }

    @Test
    void aCalendarThatDoesNotExistIsNamedWithTheOnesThatDo() {
        String text = VALID.replace("hours.office", "hours.ofice");
        assertThatThrownBy(() -> reader.read("tiny.yaml", text))
                .hasMessageContaining("nodes.open: reads 'hours.ofice', but there is no calendar 'ofice' (known: around-the-clock, office)");
    }

    @Test
    void aMalformedConditionSaysWhatIsWrongAtItsLine() {
        String text = VALID.replace("\"hours.office and not customer.key\"", "\"hours.office and\"");
        assertThatThrownBy(() -> reader.read("tiny.yaml", text))
                .hasMessageContaining("tiny.yaml:19: nodes.open.branch[0].if: 'hours.office and' is not a condition")
                .hasMessageContaining("the condition ends too soon");
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() {
        String text = VALID.replace("next: menu", "next: nowhere").replace("    play: hello\n    next: nowhere", "    play: [hello, nope]\n    next: nowhere");
        assertThatThrownBy(() -> reader.read("tiny.yaml", text))
                .isInstanceOfSatisfying(InvalidFlowException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void brokenYamlIsReportedAtItsLine() {
        assertThatThrownBy(() -> reader.read("tiny.yaml", "flow: tiny\nnodes:\n  a: [unclosed\n"))
                .hasMessageStartingWith("tiny.yaml:4: not valid YAML");
    }

    @Test
    void theShippedFlowsAreValid() {
        assertThat(FlowDirectory.shipped(CALENDARS)).containsOnlyKeys("hotline", "out-of-hours", "virtual-hold", "survey");
    }

    @Test
    void continuingInAFlowThatIsNotThereIsRefused() {
        String text = VALID.replace("    hang-up:\n", "    continue-in: after-hours\n");
        java.nio.file.Path dir = tempDirWith(text);
        assertThatThrownBy(() -> FlowDirectory.load(dir, CALENDARS))
                .hasMessageContaining("nodes.bye: continues in flow 'after-hours', which is not among the flows (tiny)");
    }

    private static java.nio.file.Path tempDirWith(String text) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("flows");
            java.nio.file.Files.writeString(dir.resolve("tiny.yaml"), text);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
