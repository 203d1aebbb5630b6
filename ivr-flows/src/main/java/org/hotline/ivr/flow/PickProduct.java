package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.List;

/**
 * Lets a known caller pick one of their products by key: plays {@code prompt}, then for each
 * product (at most nine) its key and {@code itemPrompt} followed by the serial's last four
 * digits, and reads one key. Sets {@code asset.id}, {@code asset.serial}, {@code warranty}. No
 * products, or no valid key: {@code onNone}.
 */
public record PickProduct(String id, int line, String prompt, String itemPrompt, Duration timeout, String next, String onNone)
        implements Node {

    @Override
    public List<String> exits() {
        return List.of(next, onNone);
    }

    @Override
    public List<String> prompts() {
        return List.of(prompt, itemPrompt);
    }

    @Override
    public boolean takesInput() {
        return true;
    }
}
