package org.hotline.ivr.flow;

import java.util.List;

/**
 * One step of a flow. Each kind says where the flow may go next ({@link #exits()}) and whether
 * it waits for the caller's keys ({@link #takesInput()}), which is what the validator checks.
 */
public sealed interface Node permits Play, Say, Menu, Collect, LookupCaller, PickProduct, FindProduct, Branch, CreateRecord,
        OfferCallback, QueueCall, Transfer, SurveyQuestion, SetVariables, Goto, EstimateWait, HangUp, ContinueIn {

    /** Its name in the flow file. */
    String id();

    /** The line of the flow file it starts on. */
    int line();

    /** The nodes it may continue to, in the order they appear. */
    List<String> exits();

    /** Prompt names it plays. */
    default List<String> prompts() {
        return List.of();
    }

    default boolean takesInput() {
        return false;
    }

    /** A prompt and the one played after a wrong answer, if any. */
    static List<String> promptAndRetry(String prompt, java.util.Optional<String> invalidPrompt) {
        return invalidPrompt.map(invalid -> List.of(prompt, invalid)).orElse(List.of(prompt));
    }
}
