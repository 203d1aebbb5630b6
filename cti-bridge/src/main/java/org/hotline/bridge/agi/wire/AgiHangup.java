package org.hotline.bridge.agi.wire;

/**
 * The line {@code HANGUP} that Asterisk sends, between replies, when the caller hangs up during
 * a FastAGI session (transcript agi-02). The session goes on: some commands still answer.
 */
public record AgiHangup() {

    public static final AgiHangup INSTANCE = new AgiHangup();
}
