package org.hotline.desk.customers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    private final PhoneNumbers numbers = PhoneNumbers.china();

    @Test
    void nationalAndInternationalFormsBecomeE164() {
        assertThat(numbers.normalize("13800138000")).contains("+8613800138000");
        assertThat(numbers.normalize("+86 138-0013-8000")).contains("+8613800138000");
        assertThat(numbers.normalize("008613800138000")).contains("+8613800138000");
        assertThat(numbers.normalize("8613800138000")).contains("+8613800138000");
        assertThat(numbers.normalize("02112345678")).contains("+862112345678");
        assertThat(numbers.normalize("+447700900123")).contains("+447700900123");
        assertThat(numbers.normalize("0044 7700 900123")).contains("+447700900123");
    }

    @Test
    void whatIsNotANumberGivesNothing() {
        assertThat(numbers.normalize("<unknown>")).isEmpty();
        assertThat(numbers.normalize("anonymous")).isEmpty();
        assertThat(numbers.normalize("1001")).isEmpty();
        assertThat(numbers.normalize(null)).isEmpty();
    }
}
