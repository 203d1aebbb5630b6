package org.hotline.bridge.wire;

/**
 * The one check on every text Hotline writes to Asterisk, over AMI or FastAGI: both are line
 * protocols, so a CR or LF inside a value would end the line and start another action or command
 * of the sender's choosing (an agent's pause reason {@code x\r\n\r\nAction: Hangup} would hang
 * up every call on the PBX). Control characters (below 0x20, and DEL) are refused outright; the
 * error names the field, never the value (it may be a secret or a phone number).
 */
public final class WireText {

    private WireText() {
    }

    /** Thrown when a text would not stay on its line. */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    /** True when {@code text} holds no control character. */
    public static boolean isSafe(CharSequence text) {
        return firstControl(text) < 0;
    }

    /** {@code text} itself, or {@link Refused} naming {@code field} and the character found. */
    public static String require(String field, String text) {
        int at = firstControl(text);
        if (at >= 0) {
            throw new Refused(field + ": control character " + describe(text.charAt(at)) + " at position " + at
                    + " is not allowed on the wire");
        }
        return text;
    }

    private static int firstControl(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case '\t' -> "TAB";
            case 0 -> "NUL";
            default -> String.format("0x%02X", (int) c);
        };
    }
}
