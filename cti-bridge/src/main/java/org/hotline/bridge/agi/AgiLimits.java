package org.hotline.bridge.agi;

/**
 * What one FastAGI peer may send and hold, each limit closing the connection with a log line
 * naming the peer when it is passed: the length of a line, the number of {@code agi_*} header
 * lines and the bytes of the request they make, sessions open at once on the server and from one
 * source address.
 */
public record AgiLimits(int maxLineBytes, int maxHeaders, int maxRequestBytes, int maxSessions, int maxSessionsPerSource) {

    /** Asterisk sends about 25 header lines of a few dozen bytes, plus one per AGI argument. */
    public static final AgiLimits DEFAULTS = new AgiLimits(8192, 150, 32 * 1024, 1000, 500);

    public AgiLimits {
        if (maxLineBytes < 64 || maxHeaders < 1 || maxRequestBytes < maxLineBytes || maxSessions < 1 || maxSessionsPerSource < 1) {
            throw new IllegalArgumentException("FastAGI limits out of range: " + this);
        }
    }
}
