package org.hotline.bridge;

import org.hotline.pbxsim.AmiTrace;

import org.hotline.pbxsim.PbxSim;

import org.hotline.bridge.ami.client.AmiClient;
import org.hotline.bridge.ami.client.AmiListener;
import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.bridge.ami.wire.AmiMessage;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A recorded trace sent by pbx-sim and read by an AmiClient over TCP: the real socket path. */
final class TraceReplay {

    private TraceReplay() {
    }

    /** Replays {@code trace}; returns once every event has reached {@code onEvent}. */
    static void overTcp(String trace, Consumer<AmiMessage> onEvent) throws Exception {
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", "s3cret"));
             AmiClient client = new AmiClient(AmiSettings.of("pbx-a", "127.0.0.1", pbx.port(), "hotline", "s3cret"), new AmiListener() {
                 @Override
                 public void onEvent(AmiMessage event) {
                     onEvent.accept(event);
                 }
             }).start()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!client.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            pbx.replay(AmiTrace.load("asterisk-traces/" + trace + ".ami"));
            // a Ping answered after the replay: every event before it has been read; the event thread then catches up
            client.send(AmiMessage.action("Ping")).get(5, TimeUnit.SECONDS);
            Thread.sleep(100);
        }
    }
}
