package org.hotline.bridge;

import org.hotline.bridge.ami.wire.AmiFrameDecoder;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.pbxsim.wire.AmiFrame;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Between pbx-sim's frames and Hotline's messages, always through the wire text: pbx-sim's
 * bytes read by Hotline's parser, Hotline's bytes by pbx-sim's. Neither side borrows the other's
 * codec, so a bug the two shared would show.
 */
final class Frames {

    private Frames() {
    }

    static AmiMessage message(AmiFrame frame) {
        return AmiFrameDecoder.parse(new String(frame.toWire(), StandardCharsets.UTF_8));
    }

    static List<AmiMessage> messages(List<AmiFrame> frames) {
        return frames.stream().map(Frames::message).toList();
    }

    static AmiFrame frame(AmiMessage message) {
        return AmiFrame.parse(new String(message.toWire(), StandardCharsets.UTF_8));
    }
}
