package org.hotline.demo;

import org.hotline.desk.ShippedRules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's rules, written to its data directory from the shipped ones: the hotline is open
 * around the clock (the {@code office} calendar's week replaced by {@code always-open}), so that
 * whoever tries it at night still sees calls queued, records made and callbacks falling due and
 * dialled; and a wrap-up of 10 s instead of 30 s, so that the few simulated agents keep up with
 * most of the calls.
 */
final class DemoRules {

    private static final Pattern OFFICE_WEEK = Pattern.compile("(\\n  office:\\n(?:    (?!week:).*\\n)*)    week:\\n(?:      .*\\n)+");

    private static final Pattern WRAP_UP = Pattern.compile("(?m)^  wrap-up: .*$");

    private DemoRules() {
    }

    /** Writes the demo's service-desk rules under {@code dataDir}; returns the file. */
    static Path deskRules(Path dataDir) throws IOException {
        String shipped = shipped("service-desk.yaml");
        Matcher wrapUp = WRAP_UP.matcher(shipped);
        if (!wrapUp.find()) {
            throw new IllegalStateException("the shipped service-desk.yaml has no agents.wrap-up to replace");
        }
        return write(dataDir, "service-desk.yaml", wrapUp.replaceFirst("  wrap-up: 10s   # the demo: its few agents keep up"));
    }

    /** Writes the demo's SLA policies under {@code dataDir}; returns the file. */
    static Path slaPolicies(Path dataDir) throws IOException {
        String shipped = shipped("sla-policies.yaml");
        Matcher week = OFFICE_WEEK.matcher(shipped);
        if (!week.find()) {
            throw new IllegalStateException("the shipped sla-policies.yaml has no office calendar with a week to replace");
        }
        String open = shipped.substring(0, week.start()) + week.group(1) + "    always-open: true   # the demo: open around the clock\n"
                + shipped.substring(week.end());
        return write(dataDir, "sla-policies.yaml", open);
    }

    private static String shipped(String name) throws IOException {
        try (InputStream in = ShippedRules.class.getResourceAsStream("defaults/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path write(Path dataDir, String name, String text) throws IOException {
        Path file = dataDir.resolve("rules").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
