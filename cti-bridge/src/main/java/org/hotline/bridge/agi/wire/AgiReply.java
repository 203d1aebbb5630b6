package org.hotline.bridge.agi.wire;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asterisk's answer to one AGI command: {@code 200 result=2}, {@code 200 result=1 (13800138000)},
 * {@code 200 result=0 endpos=3520}, {@code 510 Invalid or unknown command}, {@code 511 Command
 * Not Permitted on a dead channel or intercept routine}, or a multi-line {@code 520} usage text.
 */
public record AgiReply(int code, String text, Optional<Integer> result, Optional<String> data, String line) {

    private static final Pattern RESULT_TEXT = Pattern.compile("result=(\\S*)");
    private static final Pattern SUCCESS = Pattern.compile("result=(-?\\d+)(?: \\((.*)\\))?(.*)");

    public static AgiReply parse(String line) {
        int space = line.indexOf(' ');
        int code;
        try {
            code = Integer.parseInt(space < 0 ? line : line.substring(0, space));
        } catch (NumberFormatException e) {
            return new AgiReply(0, line, Optional.empty(), Optional.empty(), line);
        }
        String text = space < 0 ? "" : line.substring(space + 1);
        if (code == 200) {
            Matcher m = SUCCESS.matcher(text);
            if (m.matches()) {
                return new AgiReply(code, text, Optional.of(Integer.parseInt(m.group(1))), Optional.ofNullable(m.group(2)), line);
            }
        }
        return new AgiReply(code, text, Optional.empty(), Optional.empty(), line);
    }

    /** A 520 usage block, its lines joined. */
    public static AgiReply usage(String text) {
        return new AgiReply(520, text, Optional.empty(), Optional.empty(), "520 " + text);
    }

    public boolean isSuccess() {
        return code == 200;
    }

    /** 511: the caller hung up; commands that need the channel are refused from now on. */
    public boolean isDeadChannel() {
        return code == 511;
    }

    /** The text after {@code result=} as Asterisk wrote it (GET DATA's digits keep their leading zeros, * and #). */
    public String resultText() {
        Matcher m = RESULT_TEXT.matcher(text);
        return m.lookingAt() ? m.group(1) : "";
    }

    /** {@code result=} as a digit pressed (GET DATA, WAIT FOR DIGIT give ASCII codes for single keys). */
    public int resultOrZero() {
        return result.orElse(0);
    }
}
