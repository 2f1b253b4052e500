package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class HttpProbeTest {
    private static final Duration WITHIN = Duration.ofMillis(300);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private int serving(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        open.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    /** Accepts connections and never answers (a frozen service), or closes each at once. */
    private int silent(boolean closeAtOnce) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(socket);
        List<Socket> held = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket s = socket.accept();
                    if (closeAtOnce) {
                        s.close();
                    } else {
                        held.add(s);
                    }
                }
            } catch (IOException e) {
                held.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing
                    }
                });
            }
        });
        t.setDaemon(true);
        t.start();
        return socket.getLocalPort();
    }

    @Test
    void anAnswerCarriesItsStatusAndWhenItWasSentAndAnswered() throws IOException {
        long before = System.nanoTime();
        HttpProbe.Answer answer = HttpProbe.get(serving(200), "/health", WITHIN);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.failure()).isNull();
        assertThat(answer.sentNanos()).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(answer.answeredNanos());
        assertThat(answer.answeredNanos()).isLessThanOrEqualTo(System.nanoTime());
    }

    @Test
    void anotherStatusIsAnAnswerToo() throws IOException {
        assertThat(HttpProbe.get(serving(503), "/health", WITHIN).status()).isEqualTo(503);
    }

    @Test
    void aServiceThatDoesNotAnswerWithinTheTimeIsATimeoutWithoutStatus() throws IOException {
        HttpProbe.Answer answer = HttpProbe.get(silent(false), "/health", WITHIN);

        assertThat(answer.status()).isZero();
        assertThat(answer.failure()).isEqualTo("HttpTimeoutException");
        assertThat(answer.answeredNanos() - answer.sentNanos()).isGreaterThanOrEqualTo(WITHIN.toNanos() - 2_000_000);
    }

    @Test
    void aConnectionClosedWithoutAnswerHasNoStatus() throws IOException {
        HttpProbe.Answer answer = HttpProbe.get(silent(true), "/health", WITHIN);

        assertThat(answer.status()).isZero();
        assertThat(answer.failure()).isIn("IOException (no status line)", "SocketException");
    }

    @Test
    void aRefusedConnectionHasNoStatus() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpProbe.Answer answer = HttpProbe.get(port, "/health", WITHIN);

        assertThat(answer.status()).isZero();
        assertThat(answer.failure()).isEqualTo("ConnectException");
    }
}
