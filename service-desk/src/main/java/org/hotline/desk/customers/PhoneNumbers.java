package org.hotline.desk.customers;

import java.util.Optional;

/**
 * Phone numbers as Asterisk presents them (13800138000, 008613800138000, +86 138-0013-8000,
 * 02112345678) in the one form the customer archive keeps: E.164 with the plus sign.
 */
public final class PhoneNumbers {

    private final String countryCode;
    private final String trunkPrefix;

    /**
     * @param countryCode the hotline's own country calling code, for national numbers (86)
     * @param trunkPrefix the national trunk prefix dropped before adding the country code ("0")
     */
    public PhoneNumbers(String countryCode, String trunkPrefix) {
        this.countryCode = countryCode;
        this.trunkPrefix = trunkPrefix;
    }

    /** The hotline's own country calling code (86). */
    public String countryCode() {
        return countryCode;
    }

    public static PhoneNumbers china() {
        return new PhoneNumbers("86", "0");
    }

    /** The E.164 form, or empty when there is no usable number (anonymous, {@code <unknown>}, too short). */
    public Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.trim();
        boolean plus = trimmed.startsWith("+");
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (digits.length() < 5 || digits.length() > 17) {
            return Optional.empty();
        }
        String e164;
        if (plus) {
            e164 = digits;
        } else if (digits.startsWith("00")) {
            e164 = digits.substring(2);
        } else if (!trunkPrefix.isEmpty() && digits.startsWith(trunkPrefix)) {
            e164 = countryCode + digits.substring(trunkPrefix.length());
        } else if (digits.startsWith(countryCode) && digits.length() > 11) {
            e164 = digits;
        } else {
            e164 = countryCode + digits;
        }
        return e164.length() > 15 ? Optional.empty() : Optional.of("+" + e164);
    }
}
