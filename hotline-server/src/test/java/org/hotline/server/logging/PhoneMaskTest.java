package org.hotline.server.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneMaskTest {

    @Test
    void masksPhoneNumbersKeepingTheirEnds() {
        assertThat(PhoneMask.mask("caller +8613812345678 joined queue service"))
                .isEqualTo("caller +861********78 joined queue service");
        assertThat(PhoneMask.mask("CallerIDNum: 13812345678")).isEqualTo("CallerIDNum: 138******78");
        assertThat(PhoneMask.mask("from 07700900123, to 4008001234"))
                .isEqualTo("from 077******23, to 400*****34");
    }

    @Test
    void leavesWhatIsNotAPhoneNumberAlone() {
        assertThat(PhoneMask.mask("port 8080, 6 migrations, queue 2 waiting")).isEqualTo("port 8080, 6 migrations, queue 2 waiting");
        assertThat(PhoneMask.mask("Uniqueid 1732280000.123")).isEqualTo("Uniqueid 1732280000.123");
        assertThat(PhoneMask.mask("id c3d3b3cb-3050-4887-a89b-2a07229cd4e5")).isEqualTo("id c3d3b3cb-3050-4887-a89b-2a07229cd4e5");
        assertThat(PhoneMask.mask("")).isEmpty();
    }

    @Test
    void errorReferencesSurviveWhole() {
        for (String reference : new String[] {"12345678-1234-1234-1234-123456789012", "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                "00000000-0000-4000-8000-000000000000"}) {
            assertThat(PhoneMask.mask("API error " + reference + " on POST /api/v1/records")).contains(reference);
        }
        assertThat(PhoneMask.mask("reference 12345678-1234-1234-1234-123456789012 for +8613812345678"))
                .isEqualTo("reference 12345678-1234-1234-1234-123456789012 for +861********78");
    }

    @Test
    void exceptionsAreMaskedToo() {
        MaskedThrowableConverter converter = new MaskedThrowableConverter();
        converter.setContext(new ch.qos.logback.classic.LoggerContext());
        converter.start();
        var event = new ch.qos.logback.classic.spi.LoggingEvent("x", new ch.qos.logback.classic.LoggerContext().getLogger("x"),
                ch.qos.logback.classic.Level.WARN, "failed", new IllegalStateException("Asterisk refused 'SET VARIABLE N \"13812345678\"'",
                        new RuntimeException("duplicate key (phone)=(+8613900139000)")), null);
        String text = converter.convert(event);
        assertThat(text).contains("138******78", "+861********00").doesNotContain("13812345678").doesNotContain("8613900139000");
    }
}
