package org.hotline.events;

/** The pause reasons Hotline itself sets in Asterisk (the others come from {@code agents.pause-reasons}). */
public final class PauseReasons {

    /** After a queue call: the agent writes the call up before the next one rings. */
    public static final String WRAP_UP = "wrap-up";
    /** While the agent places a callback call. */
    public static final String CALLBACK = "callback";

    private PauseReasons() {
    }

    /** Whether {@code reason} is one of Hotline's own, which a configured pause reason may not take. */
    public static boolean isReserved(String reason) {
        return WRAP_UP.equals(reason) || CALLBACK.equals(reason);
    }
}
