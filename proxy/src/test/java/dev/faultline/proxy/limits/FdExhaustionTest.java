package dev.faultline.proxy.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.ProxyMain;
import dev.faultline.proxy.support.Api;
import dev.faultline.proxy.support.Clients;
import dev.faultline.proxy.support.Deadline;
import dev.faultline.proxy.support.TestUpstream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a hostile client holds connections until the proxy runs out of file descriptors. The proxy runs
 * as a child JVM with {@code ulimit -n 256}; once the connections are released it must answer the API and
 * proxy traffic again, without a restart.
 */
@EnabledOnOs(OS.LINUX)
class FdExhaustionTest {
    private static final int FD_LIMIT = 256;
    private static final int HELD_PROXIED = 100;
    private static final int HELD_API = 300;

    @Test
    void theProxyAnswersAndProxiesAgainAfterRunningOutOfFileDescriptors(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("proxy.stderr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -n " + FD_LIMIT + " && exec '" + java + "' -Xmx64m -cp '"
                + System.getProperty("java.class.path") + "' " + ProxyMain.class.getName()
                // the API connection limit alone would keep the API from using up the descriptors: lift it
                + " -host 127.0.0.1 -port 0 -max-api-connections 1000";
        Process process = new ProcessBuilder("bash", "-c", command)
                .redirectError(stderr.toFile())
                .start();
        List<Socket> held = new ArrayList<>();
        try (TestUpstream echo = TestUpstream.echo()) {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String started = stdout.readLine();
            assertThat(started).as("first line of the proxy, stderr: %s", read(stderr)).contains("API listening on 127.0.0.1:");
            int apiPort = Integer.parseInt(started.substring(started.lastIndexOf(':') + 1));
            Api api = new Api("http://127.0.0.1:" + apiPort);
            int proxyPort = api.createProxy("echo", echo.address());
            assertEchoes(proxyPort);

            // Given: proxied connections (two descriptors each), then idle API connections (one each), held until
            // the process has no descriptor left, then more proxied connections waiting to be accepted
            for (int i = 0; i < HELD_PROXIED; i++) {
                held.add(connectQuietly(proxyPort));
            }
            for (int i = 0; i < HELD_API; i++) {
                held.add(connectQuietly(apiPort));
            }
            for (int i = 0; i < HELD_PROXIED; i++) {
                held.add(connectQuietly(proxyPort));
            }
            Deadline.await("the proxy runs out of file descriptors", Duration.ofSeconds(30),
                    () -> read(stderr).contains("Too many open files"));
            long descriptorsAtLimit = openDescriptors(process.pid());
            assertThat(process.isAlive()).isTrue();

            int heldCount = held.size();
            // When: they are released
            long released = System.nanoTime();
            for (Socket socket : held) {
                socket.close();
            }
            held.clear();

            // Then: the API and the proxy work again
            Deadline.await("GET /version answers again", Duration.ofSeconds(30), () -> answersVersion(api));
            Deadline.await("the proxy echoes again", Duration.ofSeconds(30), () -> echoes(proxyPort));
            System.out.printf("fd limit %d, %d connections held, %d descriptors open, API and proxy back %d ms after release%n",
                    FD_LIMIT, heldCount, descriptorsAtLimit, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released));
            assertThat(api.get("/proxies").status()).isEqualTo(200);
            assertThat(read(stderr)).doesNotContain("Exception in thread", "OutOfMemoryError");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static long openDescriptors(long pid) {
        try (var entries = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return entries.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static Socket connectQuietly(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    private static void assertEchoes(int port) throws IOException {
        assertThat(echoes(port)).as("echo through the proxy on port %d", port).isTrue();
    }

    private static boolean echoes(int port) {
        try (Socket socket = Clients.connect(port)) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            return new String(Clients.readExactly(socket, 4), StandardCharsets.US_ASCII).equals("ping");
        } catch (IOException | AssertionError e) {
            return false;
        }
    }

    private static boolean answersVersion(Api api) {
        try {
            return api.get("/version").status() == 200;
        } catch (AssertionError e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
