package org.hotline.desk.writes;

/** A write a {@link WriteQueue} did not take: it was full (the database away for long) or closing. */
public final class WriteRefused extends RuntimeException {

    WriteRefused(String message) {
        super(message);
    }
}
