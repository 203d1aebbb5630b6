package org.hotline.ivr.engine;

import java.time.Instant;

/** Keys the caller gave at a node (empty: silence). */
public record KeyPress(String node, String digits, Instant at) {
}
