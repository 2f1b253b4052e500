package dev.faultline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class YamlTextTest {

    @Test
    void nestedDurationsEnumsAndPathsBecomeFormatText() {
        Object plain = YamlText.plain(Map.of("repeat", Map.of("times", 2, "every", Duration.ofSeconds(5)),
                "unit", ChronoUnit.SECONDS, "file", Path.of("a/b.yaml"), "list", List.of(Duration.ofMillis(20))));

        assertThat(plain).isEqualTo(Map.of("repeat", Map.of("times", 2, "every", "5s"), "unit", "SECONDS",
                "file", "a/b.yaml", "list", List.of("20ms")));
    }
}
