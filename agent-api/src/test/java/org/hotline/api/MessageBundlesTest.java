package org.hotline.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages speak Chinese first and English: both bundles hold the same keys, each with a label;
 * every label a page or script names is in both; every code the pages show by its label (agent
 * states, record types and statuses, callback reasons, call outcomes, escalation levels) has one;
 * a label's placeholders are the same in both languages.
 */
class MessageBundlesTest {

    /** Every page and script the server serves. */
    static final List<String> PAGES = Pages.FILES.values().stream().filter(f -> f.endsWith(".html")).sorted().toList();
    static final List<String> SCRIPTS = Pages.FILES.values().stream().filter(f -> f.endsWith(".js")).sorted().toList();
    /** data-i18n="key", data-i18n-placeholder="key", data-i18n-title="key", data-i18n-aria="key", data-title="key" */
    static final Pattern IN_PAGES = Pattern.compile("data-(?:i18n(?:-placeholder|-title|-aria)?|title)=\"([^\"]+)\"");
    /** I18n.t("key" and Hotline.button("key" */
    static final Pattern IN_SCRIPTS = Pattern.compile("(?:I18n\\.t|Hotline\\.button)\\(\"([^\"]+)\"");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    static String read(String file) {
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/org/hotline/api/web/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonObject bundle(String language) {
        return new JsonObject(read("i18n/" + language + ".json"));
    }

    static Set<String> keysIn(List<String> files, Pattern pattern) {
        Set<String> keys = new TreeSet<>();
        for (String file : files) {
            Matcher m = pattern.matcher(read(file));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    @Test
    void bothLanguagesHoldTheSameKeysEachWithALabel() {
        JsonObject zh = bundle("zh-CN"), en = bundle("en");
        assertThat(zh.fieldNames()).as("keys of zh-CN against en").containsExactlyInAnyOrderElementsOf(en.fieldNames());
        for (JsonObject b : List.of(zh, en)) {
            b.forEach(e -> assertThat(e.getValue()).as(e.getKey()).isInstanceOf(String.class).asString().isNotBlank());
        }
        zh.fieldNames().forEach(key -> assertThat(placeholders(zh.getString(key))).as("placeholders of " + key)
                .isEqualTo(placeholders(en.getString(key))));
        // Chinese first: the labels of the Chinese bundle are Chinese (some codes and figures aside)
        long chinese = zh.stream().filter(e -> ((String) e.getValue()).codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)).count();
        assertThat(chinese).as("labels in Chinese").isGreaterThan(zh.size() * 95L / 100);
    }

    @Test
    void everyLabelThePagesAndScriptsNameIsInBothBundles() {
        Set<String> used = new TreeSet<>(keysIn(PAGES, IN_PAGES));
        used.addAll(keysIn(SCRIPTS, IN_SCRIPTS));
        // a prefix ("error." + status) names a kind of code: everyCodeThePagesShowHasALabelInBoth holds those
        used.removeIf(key -> key.endsWith("."));
        assertThat(used).as("labels named (the patterns find them)").hasSizeGreaterThan(100);
        for (String language : List.of("zh-CN", "en")) {
            JsonObject b = bundle(language);
            assertThat(used.stream().filter(key -> !b.containsKey(key)).toList()).as("labels missing in " + language).isEmpty();
        }
    }

    /** A placeholder, a tooltip or a screen reader's label written into a page would be in one language only. */
    @Test
    void noPageWritesALabelIntoAnAttributeOfItsOwn() {
        Pattern literal = Pattern.compile("\\s(aria-label|placeholder|title)=\"");
        for (String page : PAGES) {
            assertThat(literal.matcher(read(page)).results().map(r -> r.group()).toList()).as(page).isEmpty();
        }
    }

    @Test
    void everyCodeThePagesShowHasALabelInBoth() {
        Map<String, List<String>> codes = new java.util.HashMap<>(Map.of(
                "agentState", wire(org.hotline.events.AgentState.values()),
                "recordType", lower(org.hotline.desk.records.RecordType.values()),
                "recordStatus", lower(org.hotline.desk.records.RecordStatus.values()),
                "callbackReason", lower(org.hotline.desk.callbacks.CallbackReason.values()),
                "outcome", lower(org.hotline.events.CallOutcome.values()),
                "escalationLevel", lower(org.hotline.desk.escalations.EscalationLevel.values()),
                "pauseReason", java.util.stream.Stream.concat(org.hotline.desk.settings.PauseReasons.shipped().reasons().keySet().stream(),
                        org.hotline.desk.settings.PauseReasons.RESERVED.stream()).toList(),
                "link", List.of("connected", "disconnected"),
                "escalation", List.of("raised", "climbed", "acknowledged", "resolved"),
                "error", List.of("400", "401", "403", "404", "409", "413", "422", "429", "502", "503")));
        codes.put("problem", Arrays.stream(org.hotline.api.problem.ProblemCode.values()).map(org.hotline.api.problem.ProblemCode::id).toList());
        for (String language : List.of("zh-CN", "en")) {
            JsonObject b = bundle(language);
            codes.forEach((kind, values) -> assertThat(values.stream().map(v -> kind + "." + v).filter(key -> !b.containsKey(key)).toList())
                    .as(kind + " labels missing in " + language).isEmpty());
        }
    }

    private static Set<String> placeholders(String label) {
        return PLACEHOLDER.matcher(label).results().map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> lower(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    private static List<String> wire(org.hotline.events.AgentState[] values) {
        return Arrays.stream(values).map(org.hotline.events.AgentState::wireName).toList();
    }
}
