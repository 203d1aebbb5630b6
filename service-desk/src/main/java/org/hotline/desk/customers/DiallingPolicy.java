package org.hotline.desk.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which numbers Hotline may dial out (click-to-call, callbacks): checked with libphonenumber's
 * metadata, so that a number must be a valid number of the hotline's own country (or of a
 * country allowed besides), of a kind allowed ({@code mobile}, {@code fixed-line},
 * {@code fixed-line-or-mobile}, {@code toll-free} by default). Premium-rate, shared-cost, UAN,
 * personal, pager and voicemail numbers, international numbers and invalid ones are refused, with
 * the reason; a refused number is never dialled (toll fraud).
 */
public final class DiallingPolicy {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** The kinds allowed when the rules say nothing. */
    public static final Set<PhoneNumberType> DEFAULT_KINDS = EnumSet.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.TOLL_FREE);

    private final int homeCountry;
    private final Set<Integer> otherCountries;
    private final Set<PhoneNumberType> kinds;

    public DiallingPolicy(int homeCountry, Set<Integer> otherCountries, Set<PhoneNumberType> kinds) {
        this.homeCountry = homeCountry;
        this.otherCountries = Set.copyOf(otherCountries);
        this.kinds = kinds.isEmpty() ? Set.of() : EnumSet.copyOf(kinds);
    }

    /** The hotline's own country's valid numbers of the default kinds. */
    public static DiallingPolicy national(String countryCode) {
        return new DiallingPolicy(Integer.parseInt(countryCode), Set.of(), DEFAULT_KINDS);
    }

    /** A kind by its name in the rules ({@code fixed-line}); empty for a name that is none. */
    public static Optional<PhoneNumberType> kind(String name) {
        try {
            return Optional.of(PhoneNumberType.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every kind's name, as the rules write them. */
    public static List<String> kindNames() {
        return java.util.Arrays.stream(PhoneNumberType.values()).map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
    }

    /** Why {@code e164} (+8613800138000) may not be dialled; empty when it may. */
    public Optional<String> refusal(String e164) {
        PhoneNumber number;
        try {
            number = UTIL.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return Optional.of("not a phone number in E.164 form");
        }
        int country = number.getCountryCode();
        if (country != homeCountry && !otherCountries.contains(country)) {
            return Optional.of("an international number (+" + country + "); only +" + homeCountry
                    + (otherCountries.isEmpty() ? "" : " and " + otherCountries.stream().sorted().map(c -> "+" + c)
                    .collect(Collectors.joining(", "))) + " may be dialled");
        }
        if (!UTIL.isValidNumber(number)) {
            return Optional.of("not a valid number of +" + country);
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        if (!kinds.contains(type)) {
            return Optional.of("a " + type.name().toLowerCase(Locale.ROOT).replace('_', '-') + " number, which may not be dialled");
        }
        return Optional.empty();
    }

    public boolean allows(String e164) {
        return refusal(e164).isEmpty();
    }
}
