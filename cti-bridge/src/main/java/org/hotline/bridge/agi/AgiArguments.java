package org.hotline.bridge.agi;

import org.hotline.bridge.wire.WireText;

import java.util.regex.Pattern;

/**
 * What may stand in an AGI command's arguments. Asterisk splits a command on spaces and reads
 * quotes and backslashes, so a sound name with a space would be two arguments and a digit string
 * with a letter would be spoken as something else: each kind of argument has its own shape, and
 * a quoted value is escaped and holds no control character ({@link WireText}).
 */
final class AgiArguments {

    private static final Pattern SOUND = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}");
    private static final Pattern DIGITS = Pattern.compile("[0-9*#]{1,256}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,79}");

    private AgiArguments() {
    }

    static String sound(String sound) {
        return shaped("sound", sound, SOUND);
    }

    static String digits(String digits) {
        return shaped("digits", digits, DIGITS);
    }

    static String variable(String name) {
        return shaped("variable name", name, VARIABLE);
    }

    /** {@code value} in double quotes, {@code \} and {@code "} escaped; control characters refused. */
    static String quoted(String field, String value) {
        WireText.require(field, value);
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String shaped(String kind, String value, Pattern shape) {
        if (value == null || !shape.matcher(value).matches()) {
            throw new WireText.Refused("AGI " + kind + " '" + (value == null ? "" : printable(value)) + "' is not of the form " + shape);
        }
        return value;
    }

    private static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
