package org.hotline.bridge.agi;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The scripts a FastAGI server runs, by the name in {@code agi://host:4573/<name>}; looked up per session, so they may change. */
public interface AgiScripts {

    Optional<AgiScript> script(String name);

    Collection<String> names();

    static AgiScripts of(Map<String, AgiScript> scripts) {
        Map<String, AgiScript> copy = Map.copyOf(scripts);
        return new AgiScripts() {
            public Optional<AgiScript> script(String name) {
                return Optional.ofNullable(copy.get(name));
            }

            public Collection<String> names() {
                return copy.keySet();
            }
        };
    }
}
