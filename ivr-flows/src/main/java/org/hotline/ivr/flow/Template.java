package org.hotline.ivr.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A text with {@code ${variable}} references, filled in from the call's variables when the node runs. */
public record Template(String text) {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][\\w.-]*)}");

    /** Fails on a {@code ${} that is not a well-formed reference. */
    public Template {
        String rest = REFERENCE.matcher(text).replaceAll("");
        if (rest.contains("${")) {
            throw new IllegalArgumentException("'${' must start a reference like ${customer.id}");
        }
    }

    public List<String> variables() {
        List<String> names = new ArrayList<>();
        Matcher m = REFERENCE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The text with each reference replaced by its value (empty when unset). */
    public String render(Function<String, String> values) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
