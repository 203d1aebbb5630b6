package org.hotline.ivr.flow;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Comparisons in branch conditions: numbers as numbers, everything else as text. */
class ConditionTest {

    private static boolean holds(String condition, Map<String, String> variables) {
        return new ConditionParser(condition).parse().holds(variables::get);
    }

    @Test
    void numbersCompareAsNumbersAndWordsAsText() {
        assertThat(holds("wait > 9", Map.of("wait", "10"))).as("10 > 9, not \"10\" < \"9\"").isTrue();
        assertThat(holds("wait >= 1000", Map.of("wait", "1e3"))).isTrue();
        assertThat(holds("wait == 2.50", Map.of("wait", "2.5"))).isTrue();
        assertThat(holds("wait < -1", Map.of("wait", "-2"))).isTrue();
        assertThat(holds("record.status == registered", Map.of("record.status", "registered"))).isTrue();
        assertThat(holds("record.status != registered", Map.of("record.status", "dispatched"))).isTrue();
        assertThat(holds("record.status > 1", Map.of("record.status", "dispatched"))).as("a word is no number").isFalse();
        assertThat(holds("wait > 1", Map.of())).as("unset").isFalse();
        assertThat(holds("serial == 0012", Map.of("serial", "12"))).as("numbers equal as numbers").isTrue();
    }
}
