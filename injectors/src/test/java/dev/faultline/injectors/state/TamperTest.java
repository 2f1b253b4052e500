package dev.faultline.injectors.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.spi.StoreAdapter.Format;

/** How a checkpoint's value is changed: still readable as what it was, but different. */
class TamperTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyNumberOfJsonBecomesAThousandTimesItPlusSevenAndTheRestIsKept() throws Exception {
        String original = "{\"completed\": 12, \"rate\": 0.5, \"ids\": [\"t-1\", 3], \"inner\": {\"n\": -2},"
                + " \"ok\": true, \"none\": null}";

        JsonNode tampered = JSON.readTree(Tamper.json(original));

        assertThat(tampered).isEqualTo(JSON.readTree("{\"completed\": 12007, \"rate\": 507.0, \"ids\": [\"t-1\","
                + " 3007], \"inner\": {\"n\": -1993}, \"ok\": true, \"none\": null}"));
    }

    @Test
    void aBigIntegerStaysExact() throws Exception {
        JsonNode tampered = JSON.readTree(Tamper.json("[123456789012345678901234567890]"));

        assertThat(tampered.get(0).bigIntegerValue().toString()).isEqualTo("123456789012345678901234567890007");
    }

    @Test
    void jsonWithoutANumberHasItsStringsChanged() throws Exception {
        JsonNode tampered = JSON.readTree(Tamper.json("{\"owner\": \"worker-0\", \"tasks\": [\"a1\"]}"));

        assertThat(tampered).isEqualTo(JSON.readTree("{\"owner\": \"jbexre-5\", \"tasks\": [\"n6\"]}"));
    }

    @Test
    void jsonWithNothingToChangeIsRefusedSayingSo() {
        assertThatThrownBy(() -> Tamper.json("{\"done\": true, \"list\": []}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the checkpoint's JSON has no number or string to change: {\"done\": true, \"list\": []}");
    }

    @Test
    void aValueThatIsNotJsonIsRefusedSayingSo() {
        assertThatThrownBy(() -> Tamper.json("{\"open\": "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the checkpoint is not valid JSON: ");
    }

    @Test
    void textHasItsLettersAndDigitsChanged() {
        assertThat(Tamper.text("Worker-0 done 12 tasks.")).isEqualTo("Jbexre-5 qbar 67 gnfxf.");
    }

    @Test
    void textWithoutLettersOrDigitsGetsATildeAppended() {
        assertThat(Tamper.text("-- {} --")).isEqualTo("-- {} --~");
        assertThat(Tamper.text("")).isEqualTo("~");
    }

    @Test
    void everyByteGetsExactlyOneBitFlipped() {
        byte[] original = "a checkpoint's bytes".getBytes(StandardCharsets.UTF_8);

        byte[] tampered = Tamper.bytes(original, 42L);

        assertThat(tampered).hasSameSizeAs(original);
        for (int i = 0; i < original.length; i++) {
            assertThat(Integer.bitCount((original[i] ^ tampered[i]) & 0xff)).as("bits flipped in byte " + i)
                    .isEqualTo(1);
        }
    }

    @Test
    void theBitsFlippedFollowTheSeed() {
        byte[] original = new byte[32];

        assertThat(Tamper.bytes(original, 42L)).isEqualTo(Tamper.bytes(original, 42L))
                .isNotEqualTo(Tamper.bytes(original, 43L));
    }

    @Test
    void noBytesBecomeOneByte() {
        assertThat(Tamper.bytes(new byte[0], 42L)).hasSize(1);
    }

    @Test
    void eachFormatIsTamperedAsItsOwn() {
        byte[] value = "[1]".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(Tamper.tampered(Format.JSON, value, 1L), StandardCharsets.UTF_8)).isEqualTo("[1007]");
        assertThat(new String(Tamper.tampered(Format.TEXT, value, 1L), StandardCharsets.UTF_8)).isEqualTo("[6]");
        assertThat(Tamper.tampered(Format.BYTES, value, 1L)).isEqualTo(Tamper.bytes(value, 1L));
    }
}
