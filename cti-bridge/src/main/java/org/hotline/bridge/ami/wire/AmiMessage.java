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

    private final List<Header> headers;
    private final List<String> malformedLines;
    /** Every header name is one of {@link HeaderNames}' own Strings. */
    private final boolean knownNames;

    public AmiMessage(List<Header> headers, List<String> malformedLines) {
        this(List.copyOf(headers), List.copyOf(malformedLines), headers.stream().allMatch(h -> HeaderNames.known(h.name()) == h.name()));
    }

    private AmiMessage(List<Header> headers, List<String> malformedLines, boolean knownNames) {
        this.headers = headers;
        this.malformedLines = malformedLines;
        this.knownNames = knownNames;
    }

    /** A frame the decoder made: its lists are its own (not copied again), {@code knownNames} as it found. */
    static AmiMessage parsed(List<Header> headers, List<String> malformedLines, boolean knownNames) {
        return new AmiMessage(Collections.unmodifiableList(headers), Collections.unmodifiableList(malformedLines), knownNames);
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
        List<Header> list = headers;
        int size = list.size();
        String known = knownNames ? HeaderNames.known(name) : null;
        if (known != null) {
            for (int i = 0; i < size; i++) {
                Header h = list.get(i);
                if (h.name() == known) {
                    return h.value();
                }
            }
            return null;
        }
        for (int i = 0; i < size; i++) {
            Header h = list.get(i);
            if (h.name().equals(name)) {
                return h.value();
            }
        }
        for (int i = 0; i < size; i++) {
            Header h = list.get(i);
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order, case ignored. */
    public List<String> all(String name) {
        String known = knownNames ? HeaderNames.known(name) : null;
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (known != null ? h.name() == known : h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    public String getOrEmpty(String name) {
        String value = value(name);
        return value == null ? "" : value;
    }

    public Optional<String> eventName() {
        return get("Event");
    }

    public boolean isEvent() {
        return !headers.isEmpty() && headers.getFirst().name().equalsIgnoreCase("Event");
    }

    public boolean isResponse() {
        return !headers.isEmpty() && headers.getFirst().name().equalsIgnoreCase("Response");
    }

    public boolean isAction() {
        return !headers.isEmpty() && headers.getFirst().name().equalsIgnoreCase("Action");
    }

    public Optional<String> actionId() {
        return get("ActionID");
    }

    public List<Header> headers() {
        return headers;
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
        for (Header h : headers) {
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
        StringBuilder text = new StringBuilder(headers.size() * 24);
        for (Header h : headers) {
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
        for (Header h : headers) {
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
