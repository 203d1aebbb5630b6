package org.hotline.bridge.agi.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What Asterisk sends first on a FastAGI connection: the {@code agi_*} lines describing the
 * call (channel, uniqueid, caller, the script asked for), ended by an empty line.
 */
public record AgiRequest(Map<String, String> headers) {

    public AgiRequest {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A header by its name without the {@code agi_} prefix, e.g. {@code get("uniqueid")}. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(headers.get("agi_" + name));
    }

    /** The script of {@code agi://host:4573/hotline}: {@code hotline}. */
    public String script() {
        return get("network_script").orElse("");
    }

    public String uniqueid() {
        return get("uniqueid").orElse("");
    }

    public String channel() {
        return get("channel").orElse("");
    }

    public String callerId() {
        return get("callerid").orElse("");
    }
}
