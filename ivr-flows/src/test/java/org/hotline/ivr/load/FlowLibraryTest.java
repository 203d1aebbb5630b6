package org.hotline.ivr.load;

import org.hotline.ivr.channel.CallChannel;
import org.hotline.ivr.channel.CallInfo;
import org.hotline.ivr.engine.FlowEngine;
import org.hotline.ivr.engine.Outcome;
import org.hotline.ivr.engine.SessionResult;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.flow.Play;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowLibraryTest {

    private static final String FLOW = """
            flow: tiny
            start: hello
            prompts:
              hello: hotline/welcome
            nodes:
              hello:
                play: hello
                next: bye
              bye:
                hang-up:
            """;

    @TempDir
    Path flows;

    @Test
    void aValidChangeIsServedFromTheNextCall() throws IOException {
        write(FLOW);
        try (FlowLibrary library = FlowLibrary.of(flows, Set.of())) {
            write(FLOW.replace("hotline/welcome", "hotline/welcome-new-year"));

            assertThat(library.reloadIfChanged()).isTrue();

            assertThat(library.flow("tiny").orElseThrow().prompts().sound("hello", "en")).isEqualTo("hotline/welcome-new-year");
            assertThat(library.lastRefusal()).isEmpty();
            assertThat(library.reloadIfChanged()).as("nothing changed since").isFalse();
        }
    }

    @Test
    void anInvalidChangeIsRefusedAndTheFlowInUseKeepsServing() throws IOException {
        write(FLOW);
        try (FlowLibrary library = FlowLibrary.of(flows, Set.of())) {
            Flow before = library.flow("tiny").orElseThrow();
            write(FLOW.replace("next: bye", "next: byee"));

            assertThat(library.reloadIfChanged()).isFalse();

            assertThat(library.flow("tiny")).containsSame(before);
            assertThat(library.lastRefusal()).singleElement().asString()
                    .contains("tiny.yaml:6: nodes.hello: goes to 'byee', which is not a node");
        }
    }

    @Test
    void aDirectoryWithoutValidFlowsFailsAtStartWithEveryProblem() throws IOException {
        write(FLOW.replace("next: bye", "next: byee"));
        assertThatThrownBy(() -> FlowLibrary.of(flows, Set.of())).isInstanceOf(InvalidFlowException.class)
                .hasMessageContaining("tiny.yaml:6: nodes.hello");
        assertThatThrownBy(() -> FlowLibrary.of(flows.resolve("missing"), Set.of())).hasMessageContaining("not a directory of flow files");
    }

    @Test
    void theWatcherPicksUpAChangeByItself() throws Exception {
        write(FLOW);
        try (FlowLibrary library = FlowLibrary.of(flows, Set.of()).watch(Duration.ofMillis(50))) {
            write(FLOW.replace("hotline/welcome", "hotline/welcome-2"));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!library.flow("tiny").orElseThrow().prompts().sound("hello", "en").equals("hotline/welcome-2") && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(library.flow("tiny").orElseThrow().prompts().sound("hello", "en")).isEqualTo("hotline/welcome-2");
        }
    }

    @Test
    void aCallInProgressFinishesOnTheFlowItStartedWith() throws Exception {
        write(FLOW);
        try (FlowLibrary library = FlowLibrary.of(flows, Set.of())) {
            HeldCaller caller = new HeldCaller();
            CompletionStage<SessionResult> running = new FlowEngine(new org.hotline.ivr.testkit.OfflineServices(), library::flow, Clock.systemUTC())
                    .run(library.flow("tiny").orElseThrow(), caller);
            write(FLOW.replace("hotline/welcome", "hotline/other").replace("    next: bye\n", "    next: gone\n")
                    .replace("  bye:\n", "  gone:\n"));
            assertThat(library.reloadIfChanged()).isTrue();

            caller.greetingPlayed.complete(null);

            SessionResult result = running.toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(result.path()).containsExactly("hello", "bye");
            assertThat(caller.played).containsExactly("hotline/welcome");
            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(((Play) library.flow("tiny").orElseThrow().node("hello")).next()).isEqualTo("gone");
        }
    }

    private void write(String text) throws IOException {
        Path file = flows.resolve("tiny.yaml");
        Instant previous = Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : Instant.EPOCH;
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(previous.plusSeconds(1).isAfter(Instant.now()) ? previous.plusSeconds(1) : Instant.now()));
    }

    /** A caller whose greeting takes until the test lets it finish. */
    static final class HeldCaller implements CallChannel {
        final CompletableFuture<Void> greetingPlayed = new CompletableFuture<>();
        final List<String> played = new ArrayList<>();

        public CallInfo call() {
            return new CallInfo("default", "1.1", "PJSIP/x", "13800138000", "", "en", "tiny", Map.of());
        }

        public CompletionStage<Void> answer() {
            return CompletableFuture.completedFuture(null);
        }

        public CompletionStage<Void> play(List<String> sounds) {
            played.addAll(sounds);
            return greetingPlayed;
        }

        public CompletionStage<String> read(String sound, Duration timeout, int maxDigits) {
            return CompletableFuture.completedFuture("");
        }

        public CompletionStage<Optional<Character>> playUntilKey(List<String> sounds) {
            return play(sounds).thenApply(x -> Optional.empty());
        }

        public CompletionStage<Optional<Character>> sayDigitsUntilKey(String digits) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        public CompletionStage<Optional<Character>> waitForKey(Duration timeout) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        public CompletionStage<Void> sayDigits(String digits) {
            return CompletableFuture.completedFuture(null);
        }

        public CompletionStage<Void> sayNumber(long number) {
            return CompletableFuture.completedFuture(null);
        }

        public CompletionStage<Void> setVariable(String name, String value) {
            return CompletableFuture.completedFuture(null);
        }

        public CompletionStage<Void> hangUp() {
            return CompletableFuture.completedFuture(null);
        }

        public boolean hungUp() {
            return false;
        }
    }
}
