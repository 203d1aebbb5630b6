package org.hotline.ivr.services;

import java.util.Optional;

/** One answer to a survey question, against the call's record when there is one; {@code responseId}: this call's earlier answers to the survey. */
public record SurveyAnswer(String survey, String question, String questionText, String scale, int key, Optional<Long> recordId,
                           Optional<Long> customerId, Optional<Long> responseId) {
}
