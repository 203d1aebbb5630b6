package org.hotline.desk.callbacks;

/** The callback a request ended in: a new one, or the pending one for that phone and queue it was merged into. */
public record Scheduled(long callbackId, boolean merged) {
}
