package dev.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.support.Api;
import dev.faultline.proxy.support.Clients;
import dev.faultline.proxy.support.TestUpstream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run as a separate JVM the way the container runs it. */
class ProxyMainTest {

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ProxyMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static String read(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anUnknownFlagExitsWithStatus2AndPrintsWhatWasWrongAndTheUsage() throws Exception {
        Process process = launch("-bogus");

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        String stderr = read(process.getErrorStream());
        assertThat(stderr).startsWith("flag provided but not defined: -bogus\n").contains("Usage:", "-host", "-config");
        assertThat(read(process.getInputStream())).isEmpty();
    }

    @Test
    void aBadFlagValueExitsWithStatus2() throws Exception {
        Process process = launch("-port", "http");

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(read(process.getErrorStream())).startsWith("invalid value \"http\" for flag -port");
    }

    @Test
    void aMissingConfigFileExitsWithStatus1NamingIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.json");
        Process process = launch("-host", "127.0.0.1", "-port", "0", "-config", missing.toString());

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(read(process.getErrorStream())).contains("cannot read -config file " + missing);
    }

    @Test
    void theConfigFileProxiesExistAtStartupAndSigtermExitsCleanly(@TempDir Path dir) throws Exception {
        try (TestUpstream echo = TestUpstream.echo()) {
            int proxyPort = freePort();
            Path config = dir.resolve("proxies.json");
            Files.writeString(config, "[{\"name\":\"echo\",\"listen\":\"127.0.0.1:" + proxyPort + "\",\"upstream\":\""
                    + echo.address() + "\"},{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\",\"enabled\":false}]");
            int apiPort = freePort();
            Process process = launch("--host=127.0.0.1", "-port", String.valueOf(apiPort), "-config", config.toString(), "-seed", "1");
            try {
                BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                assertThat(stdout.readLine()).isEqualTo("faultline-proxy " + Version.current()
                        + " API listening on 127.0.0.1:" + apiPort);

                Api api = new Api("http://127.0.0.1:" + apiPort);
                assertThat(api.get("/proxies").body()).contains("\"echo\":{", "\"off\":{", "\"enabled\":false");
                try (Socket socket = Clients.connect(proxyPort)) {
                    assertThat(Clients.roundTripNanos(socket, "hi".getBytes())).isPositive();
                }

                process.destroy(); // SIGTERM
                assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isZero();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void anInvalidConfigFileExitsWithStatus1AndTheReason(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("proxies.json");
        Files.writeString(config, "[{\"name\":\"echo\",\"listen\":\"127.0.0.1:0\"}]");

        Process process = launch("-host", "127.0.0.1", "-port", "0", "-config", config.toString());

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(read(process.getErrorStream())).contains("-config file " + config + ": missing required field: upstream at proxy 1");
    }

    @Test
    void versionFlagPrintsTheVersionAndExits0() throws Exception {
        Process process = launch("-version");

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(read(process.getInputStream())).isEqualTo("faultline-proxy version " + Version.current() + "\n");
    }
}
