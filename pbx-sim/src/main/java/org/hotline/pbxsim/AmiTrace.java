package org.hotline.pbxsim;

import org.hotline.pbxsim.wire.AmiFrame;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded AMI stream, as Asterisk sent it: the banner line, then responses and events in the
 * order they arrived (see the traces' README).
 */
public record AmiTrace(String name, String banner, List<AmiFrame> frames, byte[] raw) {

    /** Reads a recording from the class path (for example {@code asterisk-traces/01-queue-answered.ami}). */
    public static AmiTrace load(String resource) {
        try (InputStream in = AmiTrace.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no trace " + resource + " on the class path");
            }
            return parse(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AmiTrace parse(String name, byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int bannerEnd = text.indexOf("\r\n");
        String banner = text.substring(0, bannerEnd);
        List<AmiFrame> frames = new ArrayList<>();
        for (String frame : text.substring(bannerEnd + 2).split("\r\n\r\n")) {
            if (!frame.isBlank()) {
                frames.add(AmiFrame.parse(frame));
            }
        }
        return new AmiTrace(name, banner, List.copyOf(frames), raw);
    }

    /** The events only, in order (what a replay sends; responses answer actions). */
    public List<AmiFrame> events() {
        return frames.stream().filter(AmiFrame::isEvent).toList();
    }
}
