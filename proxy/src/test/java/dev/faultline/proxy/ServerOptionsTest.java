package dev.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerOptionsTest {

    @Test
    void noFlagsMeansToxiproxysDefaults() throws UsageException {
        ServerOptions options = ServerOptions.parse();

        assertThat(options.host()).isEqualTo("localhost");
        assertThat(options.port()).isEqualTo(8474);
        assertThat(options.config()).isEmpty();
        assertThat(options.seed()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-host 0.0.0.0 -port 9000", "-host=0.0.0.0 -port=9000", "--host 0.0.0.0 --port 9000",
            "--host=0.0.0.0 --port=9000"})
    void everyGoFlagSpellingIsAccepted(String commandLine) throws UsageException {
        ServerOptions options = ServerOptions.parse(commandLine.split(" "));

        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThat(options.port()).isEqualTo(9000);
    }

    @Test
    void configAndSeedAreRead() throws UsageException {
        ServerOptions options = ServerOptions.parse("-config", "/etc/proxies.json", "-seed=-7");

        assertThat(options.config()).contains(Path.of("/etc/proxies.json"));
        assertThat(options.seed()).hasValue(-7);
    }

    @Test
    void anUnknownFlagIsRejectedByName() {
        assertThatThrownBy(() -> ServerOptions.parse("-listen", "x")).isInstanceOf(UsageException.class)
                .hasMessage("flag provided but not defined: -listen");
    }

    @Test
    void aFlagWithoutItsValueIsRejected() {
        assertThatThrownBy(() -> ServerOptions.parse("-port")).isInstanceOf(UsageException.class)
                .hasMessage("flag needs an argument: -port");
    }

    @Test
    void aPortOutOfRangeIsRejectedWithTheRange() {
        assertThatThrownBy(() -> ServerOptions.parse("-port", "70000")).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"70000\" for flag -port: port must be within 0..65535 but was 70000");
        assertThatThrownBy(() -> ServerOptions.parse("-port", "http")).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"http\" for flag -port: expected a port number 0..65535");
    }

    @Test
    void aSeedThatIsNotAnIntegerIsRejected() {
        assertThatThrownBy(() -> ServerOptions.parse("-seed", "1.5")).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"1.5\" for flag -seed: expected a 64-bit integer");
    }

    @Test
    void aPositionalArgumentIsRejected() {
        assertThatThrownBy(() -> ServerOptions.parse("serve")).isInstanceOf(UsageException.class)
                .hasMessage("unexpected argument 'serve': every argument must be a flag");
    }

    @Test
    void versionAndHelpAreBooleanFlags() throws UsageException {
        assertThat(ServerOptions.parse("-version").printVersion()).isTrue();
        assertThat(ServerOptions.parse("--help").printHelp()).isTrue();
        assertThat(ServerOptions.parse("-h=false").printHelp()).isFalse();
    }

    @Test
    void theLimitsHaveDefaultsAndFlags() throws UsageException {
        assertThat(ServerOptions.parse().limits()).isEqualTo(dev.faultline.proxy.core.Limits.DEFAULTS);

        ServerOptions options = ServerOptions.parse("-max-proxies", "3", "-max-toxics=4", "--max-connections", "5",
                "-max-connections-per-proxy", "6", "-max-api-connections", "7", "-api-idle-timeout", "500ms",
                "-api-clients", "172.18.0.1,10.0.0.0/8");

        assertThat(options.limits()).isEqualTo(new dev.faultline.proxy.core.Limits(3, 4, 5, 6, 7,
                java.time.Duration.ofMillis(500)));
        assertThat(options.apiClients().entries()).containsExactly("172.18.0.1", "10.0.0.0/8");
    }

    @Test
    void badLimitsAndApiClientsAreRejectedSayingWhatIsExpected() {
        assertThatThrownBy(() -> ServerOptions.parse("-max-proxies", "0")).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"0\" for flag -max-proxies: expected a whole number of at least 1");
        assertThatThrownBy(() -> ServerOptions.parse("-api-idle-timeout", "60")).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"60\" for flag -api-idle-timeout: expected a duration such as 500ms, 60s, 5m or 1h");
        assertThatThrownBy(() -> ServerOptions.parse("-api-clients", "harness")).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"harness\" for flag -api-clients: expected IP addresses and CIDR blocks but "
                        + "found the host name harness");
    }
}
