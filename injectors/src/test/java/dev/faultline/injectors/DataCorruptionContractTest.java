package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.yaml.YamlParams;

class DataCorruptionContractTest extends LinkFaultContractTest {
    private static final int SIZE = 4096;

    private static Fault corruption(String with) {
        return new DataCorruptionType().configure(YamlParams.parse(with), Duration.ofSeconds(15));
    }

    @Override
    protected Fault fault() {
        return corruption("{kind: stream, rate: 0.1%}");
    }

    @Test
    void theToxicCarriesTheRateAndTheFaultsSeed() throws Exception {
        Fault fault = corruption("{kind: stream, rate: 0.05%, direction: downstream}");

        run(fault).apply();

        JsonNode toxic = server.toxics(proxyName).get(0);
        assertThat(server.toxics(proxyName)).hasSize(1);
        assertThat(toxic.path("name").asText()).isEqualTo("faultline-under-test-corrupt-downstream");
        assertThat(toxic.path("type").asText()).isEqualTo("corrupt");
        assertThat(toxic.path("attributes").path("rate").asDouble()).isEqualTo(0.0005);
        assertThat(toxic.path("attributes").path("seed").asLong()).isEqualTo(seed());
        assertThat(toxic.path("clients")).extracting(JsonNode::asText).containsExactly("127.0.0.1");
    }

    @Test
    void aToxicWithAnotherSeedDoesNotCount() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();
        server.deleteToxic(proxyName, "faultline-under-test-corrupt-upstream");
        seed = 43L;
        Fault another = corruption("{kind: stream, rate: 0.1%, direction: upstream}");
        run(another).apply();

        Fault.Verification verification = run.verify();

        assertThat(verification.tookEffect()).isFalse();
        assertThat(verification.detail()).isEqualTo(proxyName + ": faultline-under-test-corrupt-upstream has seed=43 "
                + "(expected 42)");
    }

    @Test
    void bytesOnTheLinkGetOneBitFlippedAtTheRate() throws Exception {
        Fault.Handle run = run(corruption("{kind: stream, rate: 50%, direction: upstream}"));
        byte[] sent = data();

        run.apply();
        byte[] received = echoed(sent);

        int flipped = 0;
        for (int i = 0; i < SIZE; i++) {
            int difference = (sent[i] ^ received[i]) & 0xff;
            assertThat(Integer.bitCount(difference)).as("bits flipped in byte " + i).isLessThanOrEqualTo(1);
            flipped += Integer.bitCount(difference);
        }
        assertThat(flipped).as("bytes corrupted of " + SIZE).isBetween(SIZE / 2 - 250, SIZE / 2 + 250);
    }

    @Test
    void theSameSeedCorruptsTheSameWay() throws Exception {
        Fault.Handle run = run(corruption("{kind: stream, rate: 5%, direction: upstream}"));
        byte[] sent = data();

        run.apply();
        byte[] first = echoed(sent);
        run.revert();
        run.apply();
        byte[] second = echoed(sent);

        assertThat(first).isNotEqualTo(sent);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void nothingIsCorruptedAfterTheRevert() throws Exception {
        Fault.Handle run = run(corruption("{kind: stream, rate: 50%}"));
        run.apply();

        run.revert();

        byte[] sent = data();
        assertThat(echoed(sent)).isEqualTo(sent);
    }

    /** Sends {@code sent} on a new connection and reads back its echo. */
    private byte[] echoed(byte[] sent) throws Exception {
        try (Client client = connect()) {
            client.send(sent);
            return client.receive(sent.length, Duration.ofSeconds(5))
                    .orElseThrow(() -> new AssertionError("no full echo of " + sent.length + " bytes"));
        }
    }

    private static byte[] data() {
        byte[] data = new byte[SIZE];
        new Random(1).nextBytes(data);
        return data;
    }
}
