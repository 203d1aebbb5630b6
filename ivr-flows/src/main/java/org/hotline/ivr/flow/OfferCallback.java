package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Offers a callback: reads back the caller's number and asks to confirm it ({@code 1}) or key
 * another ({@code 2}); then lets the caller choose a window when there are several; schedules
 * it (merged with one already pending for the number) and sets {@code callback.id},
 * {@code callback.due}. {@code onDeclined} when the caller declines or gives no usable number.
 */
public record OfferCallback(String id, int line, String reason, Template queue, String confirmPrompt, String numberPrompt,
                            Optional<String> windowPrompt, Map<String, CallbackWindow> windows, Duration timeout,
                            Optional<String> donePrompt, String next, String onDeclined) implements Node {

    @Override
    public List<String> exits() {
        return List.of(next, onDeclined);
    }

    @Override
    public List<String> prompts() {
        List<String> prompts = new ArrayList<>(List.of(confirmPrompt, numberPrompt));
        windowPrompt.ifPresent(prompts::add);
        donePrompt.ifPresent(prompts::add);
        return prompts;
    }

    @Override
    public boolean takesInput() {
        return true;
    }
}
