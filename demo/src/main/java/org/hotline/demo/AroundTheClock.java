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
 * The demo's hotline is open around the clock, so that whoever tries it at night still sees
 * calls queued, records made and callbacks falling due and dialled: the shipped SLA policies with
 * the {@code office} calendar's week replaced by {@code always-open}, written to the demo's data
 * directory.
 */
final class AroundTheClock {

    private static final Pattern OFFICE_WEEK = Pattern.compile("(\\n  office:\\n(?:    (?!week:).*\\n)*)    week:\\n(?:      .*\\n)+");

    private AroundTheClock() {
    }

    /** Writes the demo's SLA policies under {@code dataDir}; returns the file. */
    static Path slaPolicies(Path dataDir) throws IOException {
        String shipped;
        try (InputStream in = ShippedRules.class.getResourceAsStream("defaults/sla-policies.yaml")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher week = OFFICE_WEEK.matcher(shipped);
        if (!week.find()) {
            throw new IllegalStateException("the shipped sla-policies.yaml has no office calendar with a week to replace");
        }
        String open = shipped.substring(0, week.start()) + week.group(1) + "    always-open: true   # the demo: open around the clock\n"
                + shipped.substring(week.end());
        Path file = dataDir.resolve("rules").resolve("sla-policies.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, open);
        return file;
    }
}
