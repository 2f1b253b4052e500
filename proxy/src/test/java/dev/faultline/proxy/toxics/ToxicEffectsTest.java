package dev.faultline.proxy.toxics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.faultline.proxy.support.Clients;
import dev.faultline.proxy.support.Deadline;
import dev.faultline.proxy.support.Clients.Outcome;
import dev.faultline.proxy.support.ProxyServerTest;
import dev.faultline.proxy.support.TestUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Each toxic's effect, measured on real traffic through the proxy. */
class ToxicEffectsTest extends ProxyServerTest {
    private static final byte[] PING = "ping".getBytes();

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static long medianRoundTripMillis(int port, int samples) throws IOException {
        try (Socket socket = Clients.connect(port)) {
            long[] rtts = new long[samples];
            for (int i = 0; i < samples; i++) {
                rtts[i] = Clients.roundTripNanos(socket, PING);
            }
            return millis(Clients.medianNanos(rtts));
        }
    }

    @Test
    void latencyOf200MillisecondsAdds200MillisecondsToEachRoundTrip() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            long baseline = medianRoundTripMillis(port, 5);
            api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":200}}");

            long delayed = medianRoundTripMillis(port, 5);

            assertThat(delayed - baseline).isCloseTo(200, within(20L));
        }
    }

    @Test
    void latencyOnBothStreamsAddsUp() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            api.addToxic("db", "{\"type\":\"latency\",\"stream\":\"upstream\",\"attributes\":{\"latency\":60}}");
            api.addToxic("db", "{\"type\":\"latency\",\"stream\":\"downstream\",\"attributes\":{\"latency\":90}}");

            assertThat(medianRoundTripMillis(port, 3)).isCloseTo(150, within(20L));
        }
    }

    @Test
    void jitterSpreadsRoundTripsOverLatencyPlusOrMinusJitter() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":100,\"jitter\":40}}");
            try (Socket socket = Clients.connect(port)) {
                long[] rtts = new long[9];
                for (int i = 0; i < rtts.length; i++) {
                    rtts[i] = millis(Clients.roundTripNanos(socket, PING));
                }
                // A delay is never shorter than latency - jitter; the median stays inside the band; and the
                // round trips differ. (No upper bound per sample: a loaded machine can run a timer late.)
                assertThat(Arrays.stream(rtts).min().getAsLong()).isGreaterThanOrEqualTo(59);
                assertThat(millis(Clients.medianNanos(Arrays.stream(rtts).map(r -> r * 1_000_000).toArray()))).isBetween(59L, 145L);
                assertThat(Arrays.stream(rtts).max().getAsLong() - Arrays.stream(rtts).min().getAsLong()).isGreaterThan(5);
            }
        }
    }

    @Test
    void bandwidthCapsTheTransferRateWithinTenPercent() throws IOException {
        int bytes = 600_000;
        try (TestUpstream source = TestUpstream.sending(new byte[bytes])) {
            int port = api.createProxy("db", source.address());
            api.addToxic("db", "{\"type\":\"bandwidth\",\"attributes\":{\"rate\":400}}");

            long start = System.nanoTime();
            try (Socket socket = Clients.connect(port)) {
                Clients.readExactly(socket, bytes);
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            double kilobytesPerSecond = bytes / 1000.0 / seconds;
            assertThat(kilobytesPerSecond).isCloseTo(400, within(40.0));
        }
    }

    @Test
    void timeoutOfZeroHoldsDataWhilePresentAndDeliversItWhenRemoved() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            api.addToxic("db", "{\"type\":\"timeout\",\"attributes\":{\"timeout\":0}}");
            try (Socket socket = Clients.connect(port)) {
                socket.getOutputStream().write(PING);

                assertThat(Clients.readOnce(socket, Duration.ofMillis(400))).isEqualTo(Outcome.TIMEOUT);

                api.removeToxic("db", "timeout_downstream");
                assertThat(Clients.readExactly(socket, PING.length)).isEqualTo(PING);
            }
        }
    }

    @Test
    void timeoutClosesTheConnectionAfterItsDuration() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            api.addToxic("db", "{\"type\":\"timeout\",\"attributes\":{\"timeout\":300}}");
            try (Socket socket = Clients.connect(port)) {
                long start = System.nanoTime();
                socket.getOutputStream().write(PING);

                assertThat(Clients.readOnce(socket, Duration.ofSeconds(5))).isEqualTo(Outcome.EOF);
                assertThat(millis(System.nanoTime() - start)).isBetween(290L, 1300L);
            }
        }
    }

    @Test
    void resetPeerResetsTheConnectionInsteadOfClosingIt() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            api.addToxic("db", "{\"type\":\"reset_peer\",\"attributes\":{\"timeout\":0}}");
            try (Socket socket = Clients.connect(port)) {
                socket.getOutputStream().write(PING);

                assertThat(Clients.readOnce(socket, Duration.ofSeconds(5))).isEqualTo(Outcome.RESET);
            }
        }
    }

    @Test
    void resetPeerWaitsItsTimeoutAfterTheFirstData() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            api.addToxic("db", "{\"type\":\"reset_peer\",\"attributes\":{\"timeout\":300}}");
            try (Socket socket = Clients.connect(port)) {
                long start = System.nanoTime();
                socket.getOutputStream().write(PING);

                assertThat(Clients.readOnce(socket, Duration.ofSeconds(5))).isEqualTo(Outcome.RESET);
                assertThat(millis(System.nanoTime() - start)).isBetween(295L, 1300L);
            }
        }
    }

    @Test
    void limitDataClosesTheConnectionAfterExactlyTheGivenBytes() throws IOException {
        try (TestUpstream source = TestUpstream.sending(new byte[10_000])) {
            int port = api.createProxy("db", source.address());
            api.addToxic("db", "{\"type\":\"limit_data\",\"attributes\":{\"bytes\":1234}}");
            try (Socket socket = Clients.connect(port)) {
                assertThat(Clients.readToEnd(socket)).hasSize(1234);
            }
        }
    }

    @Test
    void limitDataOnTheUpstreamStreamLetsTheServerSeeOnlyTheGivenBytes() throws IOException {
        ByteArrayOutputStream seenByServer = new ByteArrayOutputStream();
        AtomicBoolean serverSawEnd = new AtomicBoolean();
        try (TestUpstream recorder = TestUpstream.custom(socket -> {
            int b;
            while ((b = socket.getInputStream().read()) >= 0) {
                synchronized (seenByServer) {
                    seenByServer.write(b);
                }
            }
            serverSawEnd.set(true);
        })) {
            int port = api.createProxy("db", recorder.address());
            api.addToxic("db", "{\"type\":\"limit_data\",\"stream\":\"upstream\",\"attributes\":{\"bytes\":3}}");
            try (Socket socket = Clients.connect(port)) {
                socket.getOutputStream().write("abcdef".getBytes());

                assertThat(Clients.readOnce(socket, Duration.ofSeconds(5))).isEqualTo(Outcome.EOF);
                Deadline.await("the upstream sees its connection closed", Duration.ofSeconds(3), serverSawEnd::get);
                synchronized (seenByServer) {
                    assertThat(seenByServer.toString()).isEqualTo("abc");
                }
            }
        }
    }

    @Test
    void slowCloseDelaysTheCloseButNotTheData() throws IOException {
        try (TestUpstream source = TestUpstream.sendingThenClosing("bye".getBytes())) {
            int port = api.createProxy("db", source.address());
            api.addToxic("db", "{\"type\":\"slow_close\",\"attributes\":{\"delay\":400}}");
            try (Socket socket = Clients.connect(port)) {
                long start = System.nanoTime();
                assertThat(Clients.readExactly(socket, 3)).isEqualTo("bye".getBytes());
                long dataMillis = millis(System.nanoTime() - start);

                assertThat(Clients.readOnce(socket, Duration.ofSeconds(5))).isEqualTo(Outcome.EOF);
                long closeMillis = millis(System.nanoTime() - start);

                assertThat(dataMillis).isLessThan(300);
                assertThat(closeMillis).isBetween(395L, 1400L);
            }
        }
    }

    @Test
    void withoutSlowCloseTheCloseArrivesAtOnce() throws IOException {
        try (TestUpstream source = TestUpstream.sendingThenClosing("bye".getBytes())) {
            int port = api.createProxy("db", source.address());
            try (Socket socket = Clients.connect(port)) {
                long start = System.nanoTime();
                assertThat(Clients.readToEnd(socket)).isEqualTo("bye".getBytes());
                assertThat(millis(System.nanoTime() - start)).isLessThan(300);
            }
        }
    }

    @Test
    void slicerSplitsOneWriteIntoManySmallReads() throws IOException {
        byte[] payload = new byte[4000];
        new Random(1).nextBytes(payload);
        try (TestUpstream source = TestUpstream.sending(payload)) {
            int port = api.createProxy("db", source.address());
            api.addToxic("db", "{\"type\":\"slicer\",\"attributes\":{\"average_size\":100,\"size_variation\":20,\"delay\":1000}}");
            try (Socket socket = Clients.connect(port)) {
                byte[] received = new byte[payload.length];
                int reads = 0;
                int largest = 0;
                for (int at = 0; at < payload.length; reads++) {
                    int n = socket.getInputStream().read(received, at, payload.length - at);
                    assertThat(n).isPositive();
                    largest = Math.max(largest, n);
                    at += n;
                }
                assertThat(received).isEqualTo(payload);
                assertThat(reads).isGreaterThanOrEqualTo(20);
                assertThat(largest).isLessThan(payload.length / 4);
            }
        }
    }

    @Test
    void toxicityZeroNeverAppliesAndToxicityOneAlwaysApplies() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            api.addToxic("db", "{\"name\":\"never\",\"type\":\"limit_data\",\"toxicity\":0,\"attributes\":{\"bytes\":0}}");
            for (int i = 0; i < 10; i++) {
                try (Socket socket = Clients.connect(port)) {
                    assertThat(Clients.roundTripNanos(socket, PING)).isPositive();
                }
            }
            api.patch("/proxies/db/toxics/never", "{\"toxicity\":1}");
            for (int i = 0; i < 10; i++) {
                try (Socket socket = Clients.connect(port)) {
                    socket.getOutputStream().write(PING);
                    assertThat(Clients.readOnce(socket, Duration.ofSeconds(5))).isEqualTo(Outcome.EOF);
                }
            }
        }
    }

    @Test
    void toxicityOneHalfAppliesToAboutHalfOfTheConnections() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            api.addToxic("db", "{\"type\":\"limit_data\",\"toxicity\":0.5,\"attributes\":{\"bytes\":0}}");
            int hit = 0;
            int connections = 40;
            for (int i = 0; i < connections; i++) {
                try (Socket socket = Clients.connect(port)) {
                    socket.getOutputStream().write(PING);
                    if (Clients.readOnce(socket, Duration.ofSeconds(5)) == Outcome.EOF) {
                        hit++;
                    }
                }
            }
            // Binomial(40, 0.5): P(X < 8 or X > 32) < 1e-4.
            assertThat(hit).isBetween(8, 32);
        }
    }

    private static byte[] randomPayload(int size, long seed) {
        byte[] payload = new byte[size];
        new Random(seed).nextBytes(payload);
        return payload;
    }

    private static byte[] fetch(int port, int size) throws IOException {
        try (Socket socket = Clients.connect(port)) {
            return Clients.readExactly(socket, size);
        }
    }

    @Test
    void corruptAtOnePercentFlipsOneBitInAboutOnePercentOfTheBytes() throws IOException {
        int size = 1 << 20;
        byte[] payload = randomPayload(size, 3);
        try (TestUpstream source = TestUpstream.sending(payload)) {
            int port = api.createProxy("db", source.address());
            api.addToxic("db", "{\"type\":\"corrupt\",\"attributes\":{\"rate\":0.01}}");

            byte[] received = fetch(port, size);

            int flipped = 0;
            for (int i = 0; i < size; i++) {
                int difference = (payload[i] ^ received[i]) & 0xFF;
                if (difference != 0) {
                    assertThat(Integer.bitCount(difference)).as("bits flipped in byte %d", i).isEqualTo(1);
                    flipped++;
                }
            }
            // Binomial(n = 1,048,576, p = 0.01): mean 10,486, sd 102; ±6 sd keeps a false failure below 1e-8.
            assertThat(flipped).isBetween(10486 - 612, 10486 + 612);
        }
    }

    @Test
    void corruptAtRateZeroFlipsNothing() throws IOException {
        int size = 1 << 18;
        byte[] payload = randomPayload(size, 4);
        try (TestUpstream source = TestUpstream.sending(payload)) {
            int port = api.createProxy("db", source.address());
            api.addToxic("db", "{\"type\":\"corrupt\",\"attributes\":{\"rate\":0}}");

            assertThat(fetch(port, size)).isEqualTo(payload);
        }
    }

    @Test
    void corruptWithTheSameSeedCorruptsTheSameBytesTheSameWay() throws IOException {
        int size = 1 << 18;
        byte[] payload = randomPayload(size, 5);
        try (TestUpstream source = TestUpstream.sending(payload)) {
            int port = api.createProxy("db", source.address());
            api.addToxic("db", "{\"type\":\"corrupt\",\"attributes\":{\"rate\":0.05,\"seed\":1234}}");

            byte[] first = fetch(port, size);
            byte[] second = fetch(port, size);

            assertThat(first).isNotEqualTo(payload);
            assertThat(second).isEqualTo(first);
            api.patch("/proxies/db/toxics/corrupt_downstream", "{\"attributes\":{\"seed\":4321}}");
            assertThat(fetch(port, size)).isNotEqualTo(first);
        }
    }

    @Test
    void upstreamToxicsAffectOnlyClientToServerBytes() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            int port = api.createProxy("db", echo.address());
            api.addToxic("db", "{\"type\":\"corrupt\",\"stream\":\"upstream\",\"attributes\":{\"rate\":1}}");
            try (Socket socket = Clients.connect(port)) {
                socket.getOutputStream().write(new byte[64]);
                byte[] echoed = Clients.readExactly(socket, 64);
                for (byte b : echoed) {
                    assertThat(Integer.bitCount(b & 0xFF)).isEqualTo(1);
                }
            }
        }
    }
}
