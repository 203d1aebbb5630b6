package org.hotline.bridge.ami.client;

/** An action that got no answer in time, or whose connection was lost before the answer. */
public final class AmiActionException extends RuntimeException {

    public AmiActionException(String message) {
        super(message);
    }
}
