package org.hotline.desk.customers;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DiallingPolicyTest {

    private final DiallingPolicy china = DiallingPolicy.national("86");

    @Test
    void nationalMobileAndFixedNumbersMayBeDialled() {
        assertThat(china.refusal("+8613800138000")).isEmpty();
        assertThat(china.refusal("+862112345678")).isEmpty();
    }

    @Test
    void internationalPremiumSharedCostAndInvalidNumbersAreRefusedWithTheReason() {
        assertThat(china.refusal("+88216123456")).hasValueSatisfying(w -> assertThat(w).contains("international").contains("+882"));
        assertThat(china.refusal("+449098790123")).hasValueSatisfying(w -> assertThat(w).contains("international"));
        assertThat(china.refusal("+864001234567")).hasValueSatisfying(w -> assertThat(w).contains("shared-cost"));
        assertThat(china.refusal("+8612345")).hasValueSatisfying(w -> assertThat(w).contains("not a valid number"));
        assertThat(china.refusal("13800138000")).as("not E.164").isPresent();
    }

    @Test
    void otherCountriesAndKindsAreAllowedOnlyWhenConfigured() {
        DiallingPolicy withUk = new DiallingPolicy(86, Set.of(44), DiallingPolicy.DEFAULT_KINDS);
        assertThat(withUk.refusal("+442079460018")).isEmpty();
        assertThat(withUk.refusal("+449098790123")).hasValueSatisfying(w -> assertThat(w).contains("premium-rate"));
        DiallingPolicy premiumToo = new DiallingPolicy(44, Set.of(), EnumSet.of(PhoneNumberType.PREMIUM_RATE));
        assertThat(premiumToo.refusal("+449098790123")).isEmpty();
    }
}
