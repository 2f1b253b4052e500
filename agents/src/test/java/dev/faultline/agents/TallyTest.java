package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {
    private static final Tally TWELVE = new Tally(12, 40);

    private static Tally.Stored stored(long version, Tally t) {
        return new Tally.Stored(version, t.json(), t.sha256());
    }

    @Test
    void theHashCoversTheCanonicalText() {
        assertThat(TWELVE.canonical()).isEqualTo("completed=12;through=40");
        assertThat(TWELVE.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(CpuWork.sha256()
                .digest("completed=12;through=40".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void aStateReadBackWithItsKeysReorderedAndSpacedIsIntact() {
        Tally.Stored asJsonbGivesItBack = new Tally.Stored(3, "{\"through\": 40, \"completed\": 12}", TWELVE.sha256());

        assertThat(asJsonbGivesItBack.intact()).isTrue();
    }

    @Test
    void aStateWithAChangedNumberIsNotIntact() {
        Tally.Stored tampered = new Tally.Stored(3, "{\"completed\": 12007, \"through\": 40}", TWELVE.sha256());

        assertThat(tampered.intact()).isFalse();
    }

    @Test
    void verifiedTheNewestIntactCheckpointIsChosenAndEachNewerOneReported() {
        List<String> reported = new ArrayList<>();
        List<Tally.Stored> newestFirst = List.of(
                new Tally.Stored(7, "{\"completed\": 13, \"through\": 41}", "00"),
                new Tally.Stored(6, "[]", TWELVE.sha256()),
                stored(5, TWELVE));

        Tally.Restored restored = Tally.choose("worker-0", newestFirst, true, reported::add);

        assertThat(restored).isEqualTo(new Tally.Restored(java.util.Optional.of(5L), TWELVE));
        assertThat(reported).containsExactly(
                "checkpoint version 7 of worker-0 fails its SHA-256; restoring from version 6",
                "checkpoint version 6 of worker-0 fails its SHA-256; restoring from version 5");
    }

    @Test
    void verifiedWithoutAnIntactCheckpointTheTallyStartsFromZero() {
        List<String> reported = new ArrayList<>();

        Tally.Restored restored = Tally.choose("worker-0",
                List.of(new Tally.Stored(1, "{\"completed\": 1, \"through\": 1}", "00")), true, reported::add);

        assertThat(restored).isEqualTo(new Tally.Restored(java.util.Optional.empty(), Tally.ZERO));
        assertThat(reported).containsExactly("checkpoint version 1 of worker-0 fails its SHA-256; starting from zero");
    }

    @Test
    void unverifiedTheNewestIsTakenAsItIs() {
        List<Tally.Stored> newestFirst = List.of(new Tally.Stored(7, "{\"completed\": 12007, \"through\": 40}", "00"),
                stored(6, TWELVE));

        Tally.Restored restored = Tally.choose("worker-0", newestFirst, false, line -> {});

        assertThat(restored).isEqualTo(new Tally.Restored(java.util.Optional.of(7L), new Tally(12007, 40)));
    }

    @Test
    void unverifiedWhatDoesNotParseCountsAsZero() {
        assertThat(Tally.parseLeniently("not json")).isEqualTo(Tally.ZERO);
        assertThat(Tally.parseLeniently("{\"completed\": \"12\", \"through\": true}")).isEqualTo(new Tally(12, 0));
        assertThat(Tally.parseLeniently("[1, 2]")).isEqualTo(Tally.ZERO);
    }
}
