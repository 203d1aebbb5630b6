package org.hotline.ivr.channel;

/** The caller hung up: the flow stops where it is and what the caller did is recorded. */
public final class CallerHungUp extends RuntimeException {

    public CallerHungUp(String during) {
        super("the caller hung up during " + during, null, false, false);
    }
}
