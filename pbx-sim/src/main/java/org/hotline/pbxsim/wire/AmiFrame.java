package org.hotline.pbxsim.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One AMI frame as pbx-sim reads and writes it: {@code Name: value} lines in order (a name may
 * repeat, as {@code ChanVariable} does), and any line without a colon kept as it came (a
 * recording may hold one). pbx-sim's own, so that Hotline's AMI codec is checked against a peer
 * that does not share its code.
 */
public final class AmiFrame {

    /** One {@code Name: value} line. */
    public record Header(String name, String value) {
    }

    private final List<Header> headers;
    private final List<String> looseLines;

    public AmiFrame(List<Header> headers, List<String> looseLines) {
        this.headers = List.copyOf(headers);
        this.looseLines = List.copyOf(looseLines);
    }

    public static Builder event(String name) {
        return new Builder().add("Event", name);
    }

    public static Builder response(String status) {
        return new Builder().add("Response", status);
    }

    public static Builder action(String name) {
        return new Builder().add("Action", name);
    }

    /** The first value of {@code name} (names compare without case, as Asterisk's do). */
    public Optional<String> get(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    public String getOrEmpty(String name) {
        return get(name).orElse("");
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    public Optional<String> actionId() {
        return get("ActionID");
    }

    public boolean isEvent() {
        return get("Event").isPresent();
    }

    public List<Header> headers() {
        return headers;
    }

    /** Lines without a colon, kept as they came. */
    public List<String> looseLines() {
        return looseLines;
    }

    /** As Asterisk writes a frame: each line ended by CR LF, then an empty line. */
    public byte[] toWire() {
        StringBuilder text = new StringBuilder();
        headers.forEach(h -> text.append(h.name()).append(": ").append(h.value()).append("\r\n"));
        looseLines.forEach(line -> text.append(line).append("\r\n"));
        return text.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The frame's lines as text (a frame's content, not a secret: pbx-sim's own logs). */
    @Override
    public String toString() {
        return new String(toWire(), StandardCharsets.UTF_8).replace("\r\n", "; ");
    }

    /** Parses a frame's lines (CR LF or LF ended), without the empty line that ends it. */
    public static AmiFrame parse(String text) {
        List<Header> headers = new ArrayList<>();
        List<String> loose = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String value = line.substring(colon + 1);
                headers.add(new Header(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value));
            } else if (!line.isEmpty()) {
                loose.add(line);
            }
        }
        return new AmiFrame(headers, loose);
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

        public AmiFrame build() {
            return new AmiFrame(headers, List.of());
        }
    }
}
