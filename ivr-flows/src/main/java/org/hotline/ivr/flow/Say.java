package org.hotline.ivr.flow;

import java.util.List;

/**
 * Reads out a value digit by digit ({@code digits}) or as a number ({@code number}); with
 * {@code bargeIn} a key stops it and is kept for the next menu, as for {@link Play}.
 */
public record Say(String id, int line, Kind kind, Template value, boolean bargeIn, String next) implements Node {

    public enum Kind { DIGITS, NUMBER }

    @Override
    public List<String> exits() {
        return List.of(next);
    }
}
