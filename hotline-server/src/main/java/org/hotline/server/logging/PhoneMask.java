package org.hotline.server.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a phone number: a run of 7 to 15 digits (E.164's longest), with an
 * optional leading '+', not part of a longer word or number
 * (an Asterisk Uniqueid such as {@code 1732280000.123} is left alone). Keeps the first three digits and
 * the last two, so that a log still tells numbers apart without giving them away:
 * {@code +8613812345678} becomes {@code +861********78}. UUIDs (the error references a 500 gives
 * the client) are left whole, so that the reference can be found in the log.
 */
public final class PhoneMask {

    private static final Pattern PHONE_OR_UUID = Pattern.compile(
            "(?<uuid>(?<![\\w-])\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}(?![\\w-]))"
                    + "|(?<![\\w.+])(\\+?)(\\d{7,15})(?![\\w])(?!\\.\\d)");

    private PhoneMask() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = PHONE_OR_UUID.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            if (m.group("uuid") != null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group("uuid")));
                continue;
            }
            String digits = m.group(3);
            String masked = m.group(2) + digits.substring(0, 3) + "*".repeat(digits.length() - 5)
                    + digits.substring(digits.length() - 2);
            m.appendReplacement(out, Matcher.quoteReplacement(masked));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
