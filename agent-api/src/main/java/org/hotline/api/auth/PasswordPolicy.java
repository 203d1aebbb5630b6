package org.hotline.api.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be, after NIST SP 800-63B: long enough (15 characters by default, the
 * SP 800-63B-4 minimum for a password used alone), at most 128, any characters (compared after
 * Unicode NFKC), no composition rules, and not one that is known to be common (the shipped list
 * of about 49,000), nor the user's own name, nor one character repeated or a run like 1234...
 */
public final class PasswordPolicy {

    public static final int DEFAULT_MIN_LENGTH = 15;
    public static final int MAX_LENGTH = 128;

    private static volatile Set<String> common;

    private final int minLength;

    public PasswordPolicy(int minLength) {
        if (minLength < 8 || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("a password minimum of " + minLength + " is outside 8-" + MAX_LENGTH);
        }
        this.minLength = minLength;
    }

    /** Why {@code password} may not be {@code username}'s password, or empty when it may. */
    public Optional<String> refusal(String username, String password) {
        String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < minLength) {
            return Optional.of("the password must have at least " + minLength + " characters (a few words make a good one)");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("the password must have at most " + MAX_LENGTH + " characters");
        }
        String lower = normalized.toLowerCase(Locale.ROOT);
        if (commonPasswords().contains(lower)) {
            return Optional.of("that password is on the list of common passwords; choose another");
        }
        if (!username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("the password must not contain the user name");
        }
        if (repetitive(lower)) {
            return Optional.of("the password must not be one character repeated or a run like 123456...");
        }
        return Optional.empty();
    }

    private static boolean repetitive(String text) {
        int[] cps = text.codePoints().toArray();
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < cps.length; i++) {
            same &= cps[i] == cps[0];
            up &= cps[i] == cps[i - 1] + 1 || (cps[i - 1] == '9' && cps[i] == '0');
            down &= cps[i] == cps[i - 1] - 1;
        }
        return same || up || down || repeatsAShortPart(text);
    }

    /** "abcabcabcabcabc", "passwordpassword": a part of at most 4 characters, or a common password, said again and again. */
    private static boolean repeatsAShortPart(String text) {
        for (int part = 1; part <= text.length() / 2; part++) {
            if (text.length() % part != 0) {
                continue;
            }
            String unit = text.substring(0, part);
            if ((part <= 4 || commonPasswords().contains(unit)) && unit.repeat(text.length() / part).equals(text)) {
                return true;
            }
        }
        return false;
    }

    static Set<String> commonPasswords() {
        Set<String> loaded = common;
        if (loaded == null) {
            loaded = load();
            common = loaded;
        }
        return loaded;
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the agent-api jar");
            }
            Set<String> words = new HashSet<>(List.of(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines().map(String::strip).filter(w -> !w.isEmpty()).toArray(String[]::new)));
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
