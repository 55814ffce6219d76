package dev.parley.common.id;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TsTest {

    @Test
    void formatsSecondsAndSixDigitsOfMicros() {
        assertThat(Ts.format(1_732_281_600_000_100L)).isEqualTo("1732281600.000100");
        assertThat(Ts.format(5L)).isEqualTo("0.000005");
    }

    @Test
    void parsesWhatItFormatsAndSlackShortForms() {
        assertThat(Ts.parse("1732281600.000100")).contains(1_732_281_600_000_100L);
        assertThat(Ts.parse("1732281600.1")).contains(1_732_281_600_100_000L);
        assertThat(Ts.parse("1732281600")).contains(1_732_281_600_000_000L);
        assertThat(Ts.parse(Ts.format(Ts.nowMicros()))).isPresent();
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {null, "", "abc", "1.2.3", "-1.5", "1732281600.1234567", ".5", "1e9", " 1.0",
                "99999999999999999999"}) {
            assertThat(Ts.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
