package org.hotline.bridge.ami.client;

import org.hotline.bridge.ami.wire.AmiMessage;

/**
 * What an {@link AmiClient} reports, on one thread of its own (never the socket's): events in
 * the order Asterisk sent them, and the link coming up (resync now: Asterisk does not replay
 * what was missed) or going down.
 */
public interface AmiListener {

    void onEvent(AmiMessage event);

    /** Logged in; state may have changed while disconnected, so resync from here. */
    default void onConnected(AmiClient client) {
    }

    default void onDisconnected(String reason) {
    }
}
