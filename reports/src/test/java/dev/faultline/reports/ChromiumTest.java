package dev.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ChromiumTest {
    @Test
    void aMissingBrowserFailsSayingHowToInstallIt() {
        assertThatThrownBy(() -> Chromium.at(Path.of("/nonexistent/chromium")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no Chromium at /nonexistent/chromium: install it with 'docker/bootstrap.sh chromium'"
                        + " (Debian package 'chromium')");
    }

    @Test
    void consoleMessagesAreTheConsoleLinesOfTheLogAndNothingElse() {
        String log = """
                /usr/bin/chromium: 9: [: 25276063744: unexpected operator
                [24857:24891:1202/002242.440866:ERROR:dbus/bus.cc:405] Failed to connect to the bus
                [24857:24857:1202/002242.951152:INFO:CONSOLE:1] "deliberate", source: file:///tmp/e.html (1)
                [24857:24857:1202/002242.951781:INFO:CONSOLE(7)] "Uncaught Error: thrown", source: file:///e (7)
                """;

        assertThat(Chromium.consoleMessages(log)).containsExactly(
                "\"deliberate\", source: file:///tmp/e.html (1)",
                "\"Uncaught Error: thrown\", source: file:///e (7)");
    }
}
