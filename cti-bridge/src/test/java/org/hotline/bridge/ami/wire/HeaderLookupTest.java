package org.hotline.bridge.ami.wire;

import org.hotline.pbxsim.AmiTrace;
import org.hotline.pbxsim.wire.AmiFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder's shortcut (a frame of known names looked up by the names' own Strings) answers as
 * a plain case-blind scan would, for every frame of every recorded trace, asked for each of its
 * names, each known name, and a few names no frame has, each as spelt, in lower and upper case.
 */
class HeaderLookupTest {

    private static final List<String> TRACES = List.of("01-queue-answered", "02-queue-abandoned",
            "03-ring-no-answer-then-answered", "04-callback-originate", "05-pause-status-queries", "06-ivr-then-queue",
            "07-hangup-during-ivr");

    @Test
    void everyRecordedFrameAnswersAsACaseBlindScanWould() {
        int frames = 0;
        int knownOnly = 0;
        for (String trace : TRACES) {
            for (AmiFrame recorded : AmiTrace.load("asterisk-traces/" + trace + ".ami").frames()) {
                byte[] wire = recorded.toWire();
                AmiMessage message = AmiFrameDecoder.parse(wire, 0, wire.length - 2); // without the empty line
                frames++;
                if (message.headers().stream().allMatch(h -> HeaderNames.known(h.name()) == h.name())) {
                    knownOnly++;
                }
                for (String name : askedFor(message)) {
                    for (String spelling : List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
                        assertThat(message.get(spelling).orElse(null)).as("%s in %s", spelling, trace)
                                .isEqualTo(firstCaseBlind(message, spelling));
                        assertThat(message.all(spelling)).as("all %s in %s", spelling, trace)
                                .isEqualTo(allCaseBlind(message, spelling));
                    }
                }
            }
        }
        assertThat(frames).isGreaterThan(100);
        assertThat(knownOnly).as("frames taking the shortcut").isGreaterThan(frames / 2);
    }

    @Test
    void aFrameOfKnownNamesIsReadAsSuch() {
        byte[] wire = "Event: Hangup\r\nUniqueid: 1.1\r\n".getBytes(StandardCharsets.UTF_8);
        AmiMessage message = AmiFrameDecoder.parse(wire, 0, wire.length);
        assertThat(message.headers()).allSatisfy(h -> assertThat(h.name()).isSameAs(HeaderNames.known(h.name())));
    }

    private static Set<String> askedFor(AmiMessage message) {
        Set<String> names = new LinkedHashSet<>();
        message.headers().forEach(h -> names.add(h.name()));
        Stream.of("Event", "Uniqueid", "Linkedid", "DestUniqueid", "ActionID", "ChanVariable", "BridgeId", "BridgeID",
                "HoldTime", "Holdtime", "NoSuchHeader", "X-Own").forEach(names::add);
        return names;
    }

    private static String firstCaseBlind(AmiMessage message, String name) {
        return message.headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(AmiMessage.Header::value)
                .findFirst().orElse(null);
    }

    private static List<String> allCaseBlind(AmiMessage message, String name) {
        List<String> values = new ArrayList<>();
        message.headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).forEach(h -> values.add(h.value()));
        return values;
    }
}
