package dev.faultline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaneTest {

    @Test
    void aProbeLaneIsReadFromItsText() {
        Lane lane = Lane.parse("probe:api-ready");

        assertThat(lane).isEqualTo(new Lane(Lane.Kind.PROBE, "api-ready"));
    }

    @Test
    void aHealthLaneIsReadFromItsText() {
        Lane lane = Lane.parse("health:worker-0");

        assertThat(lane).isEqualTo(new Lane(Lane.Kind.HEALTH, "worker-0"));
    }

    @Test
    void aLaneIsWrittenAsItIsRead() {
        assertThat(Lane.probe("api-ready").wire()).isEqualTo("probe:api-ready");
        assertThat(Lane.health("worker-0").wire()).isEqualTo("health:worker-0");
    }

    @Test
    void onlyTheFirstColonSeparatesTheKind() {
        assertThat(Lane.parse("probe:db:5432").name()).isEqualTo("db:5432");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-ready", "probe:", "health:", "metrics:api", ":api", "Probe:api"})
    void textThatIsNoLaneIsRefused(String text) {
        assertThatThrownBy(() -> Lane.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lane: expected probe:<name> or health:<instance> but was '" + text + "'");
    }
}
