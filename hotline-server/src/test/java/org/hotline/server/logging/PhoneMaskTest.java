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
}
