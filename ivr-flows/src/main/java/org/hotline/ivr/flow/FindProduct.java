package org.hotline.ivr.flow;

import java.util.List;

/**
 * Finds the product with serial {@code serial}: sets {@code asset.id}, {@code asset.serial},
 * {@code warranty}, and the owner as the customer when the caller was not known. Unknown
 * serial: {@code onUnknown}.
 */
public record FindProduct(String id, int line, Template serial, String next, String onUnknown) implements Node {

    @Override
    public List<String> exits() {
        return List.of(next, onUnknown);
    }
}
