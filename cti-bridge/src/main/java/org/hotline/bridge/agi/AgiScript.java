package org.hotline.bridge.agi;

import java.util.concurrent.CompletionStage;

/** What runs for one FastAGI session (an IVR flow): it talks to the call through the session. */
@FunctionalInterface
public interface AgiScript {

    /** Completes when the script is done with the call; the connection is then closed. */
    CompletionStage<?> run(AgiSession session);
}
