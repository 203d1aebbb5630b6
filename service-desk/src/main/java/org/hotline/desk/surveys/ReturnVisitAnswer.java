package org.hotline.desk.surveys;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One answer the customer gave on a return visit by phone, to a question of the hotline's
 * satisfaction survey (the IVR asks the same): satisfaction 1 to 5; attitude, skill and
 * punctuality excellent, good, fair or poor (优秀 / 良好 / 一般 / 较差); a suggestion in words.
 */
public record ReturnVisitAnswer(String question, Optional<Integer> score, Optional<String> level, Optional<String> text) {

    /** Each question and how it is answered. */
    public enum Kind { SCORE, LEVEL, TEXT }

    public static final Map<String, Kind> QUESTIONS = Map.of("satisfaction", Kind.SCORE, "attitude", Kind.LEVEL, "skill", Kind.LEVEL,
            "punctuality", Kind.LEVEL, "suggestion", Kind.TEXT);
    public static final Set<String> LEVELS = Set.of("excellent", "good", "fair", "poor");

    public ReturnVisitAnswer {
        Kind kind = QUESTIONS.get(question);
        if (kind == null) {
            throw new IllegalArgumentException("question: one of " + String.join(", ", new java.util.TreeSet<>(QUESTIONS.keySet())));
        }
        boolean fits = switch (kind) {
            case SCORE -> score.filter(s -> s >= 1 && s <= 5).isPresent() && level.isEmpty() && text.isEmpty();
            case LEVEL -> level.filter(LEVELS::contains).isPresent() && score.isEmpty() && text.isEmpty();
            case TEXT -> text.filter(t -> !t.isBlank()).isPresent() && score.isEmpty() && level.isEmpty();
        };
        if (!fits) {
            throw new IllegalArgumentException(question + ": " + switch (kind) {
                case SCORE -> "a score from 1 to 5";
                case LEVEL -> "a level: excellent, good, fair or poor";
                case TEXT -> "text";
            });
        }
    }
}
