package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks one question of a satisfaction survey and stores the answer against the call's record:
 * a key 1-5, or 1-4 for the four levels (excellent, good, fair, poor). Sets {@code into}.
 * No valid answer after {@code attempts}: {@code onNoAnswer}.
 */
public record SurveyQuestion(String id, int line, String survey, String question, String text, Scale scale, String prompt,
                             Optional<String> invalidPrompt, Duration timeout, int attempts, String into, String next,
                             String onNoAnswer) implements Node {

    public enum Scale {
        ONE_TO_FIVE, FOUR_LEVELS;

        public int highestKey() {
            return this == ONE_TO_FIVE ? 5 : 4;
        }
    }

    @Override
    public List<String> exits() {
        return List.of(next, onNoAnswer);
    }

    @Override
    public List<String> prompts() {
        return Node.promptAndRetry(prompt, invalidPrompt);
    }

    @Override
    public boolean takesInput() {
        return true;
    }
}
