package org.hotline.bridge.ami.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One AMI frame: an action, a response or an event, as its ordered list of {@code Key: Value}
 * lines. Keys repeat in some frames (several {@code Variable:} lines), so the order and every
 * line are kept; lookups ignore case, as Asterisk does. Lines that are not {@code Key: Value}
 * are kept too ({@link #malformedLines()}), so nothing read is lost.
 */
public final class AmiMessage {

    /** One {@code Key: Value} line. */
    public record Header(String name, String value) {
    }

    private final String[] names;
    /** Each header's value; for a frame read, made from {@link #text} when first asked. */
    private final String[] values;
    private final int size;
    /** A frame read: its bytes and where each value is in them (start, end); else null. */
    private final byte[] text;
    private final int[] valueSpans;
    private final List<String> malformedLines;
    /** Every header name is one of {@link HeaderNames}' own Strings. */
    private final boolean knownNames;

    public AmiMessage(List<Header> headers, List<String> malformedLines) {
        this.size = headers.size();
        this.names = new String[size];
        this.values = new String[size];
        boolean known = true;
        for (int i = 0; i < size; i++) {
            Header h = headers.get(i);
            names[i] = h.name();
            values[i] = h.value();
            known &= HeaderNames.known(h.name()) == h.name();
        }
        this.knownNames = known;
        this.text = null;
        this.valueSpans = null;
        this.malformedLines = List.copyOf(malformedLines);
    }

    /**
     * A frame the decoder read: the first {@code size} names, the values' places in {@code text}
     * (made into Strings only when asked: the tracker reads a few of an event's twenty), the arrays
     * its own.
     */
    AmiMessage(String[] names, int size, byte[] text, int[] valueSpans, List<String> malformedLines, boolean knownNames) {
        this.names = names;
        this.values = new String[size];
        this.size = size;
        this.text = text;
        this.valueSpans = valueSpans;
        this.malformedLines = Collections.unmodifiableList(malformedLines);
        this.knownNames = knownNames;
    }

    /** Starts an action: {@code Action: name} first, then the fields added. */
    public static Builder action(String name) {
        return new Builder().add("Action", name);
    }

    /** Starts a response: {@code Response: Success|Error|Goodbye}. */
    public static Builder response(String status) {
        return new Builder().add("Response", status);
    }

    /** Starts an event: {@code Event: name}. */
    public static Builder event(String name) {
        return new Builder().add("Event", name);
    }

    /** The first value of {@code name}, case ignored. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(value(name));
    }

    /**
     * The first value of {@code name}, case ignored. When this frame's names and {@code name} are
     * all known ones, each is one String and none differs from another only in case: the same
     * String is the same name. Else it is looked for as spelt first (Asterisk spells its headers
     * one way, and a plain comparison is much cheaper than a case-blind one), then case ignored.
     */
    private String value(String name) {
        int i = indexOf(name);
        return i < 0 ? null : valueAt(i);
    }

    private int indexOf(String name) {
        String known = knownNames ? HeaderNames.known(name) : null;
        if (known != null) {
            for (int i = 0; i < size; i++) {
                if (names[i] == known) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of header {@code i}, made from the frame's bytes the first time (any thread may: the same String each time). */
    private String valueAt(int i) {
        String value = values[i];
        if (value == null && text != null) { // a message built from headers keeps their values as given
            int start = valueSpans[2 * i];
            int end = valueSpans[2 * i + 1];
            value = start == end ? "" : new String(text, start, end - start, StandardCharsets.UTF_8);
            values[i] = value;
        }
        return value;
    }

    /** Every value of {@code name}, in order, case ignored. */
    public List<String> all(String name) {
        String known = knownNames ? HeaderNames.known(name) : null;
        List<String> found = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (known != null ? names[i] == known : names[i].equalsIgnoreCase(name)) {
                found.add(valueAt(i));
            }
        }
        return found;
    }

    public String getOrEmpty(String name) {
        String value = value(name);
        return value == null ? "" : value;
    }

    public Optional<String> eventName() {
        return get("Event");
    }

    public boolean isEvent() {
        return size > 0 && names[0].equalsIgnoreCase("Event");
    }

    public boolean isResponse() {
        return size > 0 && names[0].equalsIgnoreCase("Response");
    }

    public boolean isAction() {
        return size > 0 && names[0].equalsIgnoreCase("Action");
    }

    public Optional<String> actionId() {
        return get("ActionID");
    }

    /** Every {@code Key: Value} line, in order. */
    public List<Header> headers() {
        List<Header> headers = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            headers.add(new Header(names[i], valueAt(i)));
        }
        return Collections.unmodifiableList(headers);
    }

    public List<String> malformedLines() {
        return malformedLines;
    }

    /**
     * Refuses a frame that would not stay one frame on the wire: a header name that is not a
     * plain token ({@code [A-Za-z0-9_-]}), or a control character (CR, LF, NUL, ...) in any name,
     * value or kept line. The error names the header, never its value.
     */
    public AmiMessage checkWireSafe() {
        for (Header h : headers()) {
            if (h.name().isEmpty() || !h.name().chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
                throw new org.hotline.bridge.wire.WireText.Refused("AMI header name '" + printable(h.name()) + "' is not a plain token");
            }
            org.hotline.bridge.wire.WireText.require("AMI header " + h.name(), h.value());
        }
        for (String line : malformedLines) {
            org.hotline.bridge.wire.WireText.require("AMI line", line);
        }
        return this;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(40).forEach(c -> out.append(c < 0x20 || c == 0x7f ? "?" : Character.toString(c)));
        return out.toString();
    }

    /** The frame as Asterisk writes it: each line ended by CR LF, and an empty line after. */
    public byte[] toWire() {
        StringBuilder text = new StringBuilder(size * 24);
        for (Header h : headers()) {
            text.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        for (String line : malformedLines) {
            text.append(line).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The frame without secrets, for logs: {@code Secret} values are replaced. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Header h : headers()) {
            boolean secret = h.name().equalsIgnoreCase("Secret") || h.name().equalsIgnoreCase("Key");
            text.append(h.name()).append(": ").append(secret ? "****" : h.value()).append("; ");
        }
        return text.toString();
    }

    /** Builds a frame line by line. */
    public static final class Builder {
        private final List<Header> headers = new ArrayList<>();

        public Builder add(String name, String value) {
            headers.add(new Header(name, value == null ? "" : value));
            return this;
        }

        public Builder addAll(List<Header> more) {
            headers.addAll(more);
            return this;
        }

        public AmiMessage build() {
            return new AmiMessage(headers, List.of());
        }
    }
}
