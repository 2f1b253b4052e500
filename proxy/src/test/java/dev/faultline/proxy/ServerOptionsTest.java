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
}
