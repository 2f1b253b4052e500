package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.yaml.YamlParams;
import dev.faultline.injectors.state.StateCorruption;

/**
 * {@code data-corruption} of kind {@code state} passes the fault contract against real PostgreSQL stores
 * ({@link StateTargets}), each seeded with a checkpoints table (owner text, version bigint, state jsonb, sha256
 * text, and the same state as json, text and bytea) holding three versions of the target's checkpoint and three of
 * a bystander's. Verified by observation: the latest row holds the tampered value. Reverted means every row is as
 * seeded. Someone undoing the fault behind its back restores the table from its seed (a backup).
 */
@ExtendWith(StateTargets.class)
class StateCorruptionContractIT extends TopologyContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    StateCorruptionContractIT() {
        super(StateTargets.TOPOLOGY);
    }

    @Override
    protected Fault fault() {
        return fault("{kind: state}");
    }

    private static Fault fault(String with) {
        return StateCorruption.read(YamlParams.parse(with), Duration.ofSeconds(8));
    }

    @Override
    protected Target target() {
        return Target.all("worker-a");
    }

    @Override
    protected String targetName() {
        return "worker";
    }

    private static String store(Side side) {
        return side == Side.FIRST ? "store-a" : "store-b";
    }

    @Override
    protected ServiceSpec service(Side side) {
        return startedTopology().service(instance(side));
    }

    @Override
    protected Topology topology(Side side) {
        return startedTopology().topology();
    }

    @Override
    protected Duration verifyWithin() {
        return Duration.ofSeconds(2);
    }

    /** Every row of the side's table, its target's name written as {@code target}, so both sides compare. */
    @Override
    protected Object observed(Side side) {
        String owner = targets(side).get(0);
        return StateTargets.sql(store(side), "SELECT string_agg(CASE owner WHEN '" + owner + "' THEN 'target' ELSE"
                + " owner END || ' ' || version || ' ' || state::text || ' ' || sha256 || ' ' || state_json::text"
                + " || ' ' || state_text || ' ' || encode(state_bytes, 'hex'), E'\\n' ORDER BY owner = '" + owner
                + "', owner, version) FROM checkpoints");
    }

    /** The seeded table: versions 1 to 3 of the target's checkpoint and of a bystander's. */
    private static void seed(Side side) {
        String owner = side == Side.FIRST ? "worker-a" : "worker-b";
        StateTargets.sql(store(side), "DROP TABLE IF EXISTS checkpoints; CREATE TABLE checkpoints (owner text NOT"
                + " NULL, version bigint NOT NULL, state jsonb NOT NULL, sha256 text NOT NULL, state_json json,"
                + " state_text text, state_bytes bytea, PRIMARY KEY (owner, version)); INSERT INTO checkpoints"
                + " SELECT o, v, s::jsonb, encode(sha256(convert_to(s::jsonb::text, 'UTF8')), 'hex'), s::json,"
                + " 'tally ' || (v * 10) || ' of an agent', convert_to(s, 'UTF8') FROM (SELECT o, v, '{\"completed\": '"
                + " || (v * 10) || ',  \"tasks\": [\"t-' || v || '\"], \"rate\": 0.5}' AS s FROM unnest(ARRAY['"
                + owner + "', 'bystander']) o, generate_series(1, 3) v) seeded");
    }

    private static String latest(String column) {
        return StateTargets.sql("store-a", "SELECT " + column + " FROM checkpoints WHERE owner = 'worker-a' AND"
                + " version = 3");
    }

    @BeforeEach
    void seedBothStores() {
        for (Side side : Side.values()) {
            seed(side);
        }
    }

    /** Someone restored the table from its seed behind the fault's back. */
    @Override
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        run.apply();
        seed(Side.FIRST);
    }

    @Override
    protected void assertReverted() {
        String now = (String) observed(Side.FIRST);
        seed(Side.FIRST);
        assertThat(now).as("the checkpoints after revert").isEqualTo(observed(Side.FIRST));
    }

    // ---- beyond the contract: each column type, the CAS, a target without a checkpoint, the timings

    @ParameterizedTest(name = "{0}")
    @CsvSource({"state", "state_json", "state_text", "state_bytes"})
    void eachColumnTypeIsTamperedWithVerifiedAndPutBack(String column) throws Exception {
        String original = latest(column + "::text");
        Fault.Handle run = run(fault("{kind: state, column: " + column + "}"));

        run.apply();

        Fault.Verification verification = verified(run);
        assertThat(verification.tookEffect()).as(verification.detail()).isTrue();
        assertThat(latest(column + "::text")).isNotEqualTo(original);
        run.revert();
        assertThat(latest(column + "::text")).isEqualTo(original);
    }

    @Test
    void jsonStaysValidWithEveryNumberChanged() throws Exception {
        run(fault("{kind: state, column: state_json}")).apply();

        assertThat(JSON.readTree(latest("state_json::text")))
                .isEqualTo(JSON.readTree("{\"completed\": 30007, \"tasks\": [\"t-3\"], \"rate\": 507.0}"));
    }

    @Test
    void textHasItsCharactersChanged() throws Exception {
        run(fault("{kind: state, column: state_text}")).apply();

        assertThat(latest("state_text")).isEqualTo("gnyyl 85 bs na ntrag");
    }

    @Test
    void bytesHaveOneBitFlippedInEveryByte() throws Exception {
        byte[] original = HexFormat.of().parseHex(latest("encode(state_bytes, 'hex')"));

        run(fault("{kind: state, column: state_bytes}")).apply();

        byte[] tampered = HexFormat.of().parseHex(latest("encode(state_bytes, 'hex')"));
        assertThat(tampered).hasSameSizeAs(original);
        for (int i = 0; i < original.length; i++) {
            assertThat(Integer.bitCount((original[i] ^ tampered[i]) & 0xff)).as("bits flipped in byte " + i)
                    .isEqualTo(1);
        }
    }

    @Test
    void whatTheAgentWroteMeanwhileIsNotOverwrittenByTheRevert() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();
        StateTargets.sql("store-a", "UPDATE checkpoints SET state = '{\"completed\": 99}' WHERE owner = 'worker-a'"
                + " AND version = 3");

        run.revert();

        assertThat(latest("state::text")).isEqualTo("{\"completed\": 99}");
    }

    @Test
    void aTargetWithoutACheckpointIsNotVerifiedUntilItWritesOne() throws Exception {
        StateTargets.sql("store-a", "DELETE FROM checkpoints WHERE owner = 'worker-a'");
        Fault.Handle run = run(fault());
        run.apply();

        Fault.Verification waiting = run.verify();
        StateTargets.sql("store-a", "INSERT INTO checkpoints VALUES ('worker-a', 4, '{\"completed\": 40}', 'x')");

        assertThat(waiting.tookEffect()).isFalse();
        assertThat(waiting.detail()).isEqualTo("no checkpoint of worker-a in store-a yet (checkpoints.state (latest"
                + " by version per owner), owner = 'worker-a'): tampered with as soon as there is one");
        Fault.Verification verification = verified(run);
        assertThat(verification.tookEffect()).as(verification.detail()).isTrue();
        assertThat(latest("state::text")).isEmpty();
        assertThat(StateTargets.sql("store-a", "SELECT state::text FROM checkpoints WHERE owner = 'worker-a'"))
                .isEqualTo("{\"completed\": 40007}");
    }

    @Test
    void aColumnOfAnotherTypeIsRefusedOnApplyNamingIt() {
        Fault.Handle run = run(fault("{kind: state, column: version}"));

        assertThatThrownBy(run::apply).hasMessage("column version of checkpoints in store-a/faultline is bigint; a"
                + " checkpoint can be tampered with in json, jsonb, text, varchar or bytea");
    }

    @Test
    void aMissingTableIsRefusedOnApplyNamingIt() {
        Fault.Handle run = run(fault("{kind: state, table: snapshots}"));

        assertThatThrownBy(run::apply).hasMessage("no table snapshots in store-a/faultline");
    }

    /** The figures for the closing note: injection to verified, and revert to released (revert returns released). */
    @Test
    void takesEffectAndIsReleasedWithinASecond() throws Exception {
        Fault.Handle run = run(fault());

        long injected = System.nanoTime();
        run.apply();
        Fault.Verification verification = verified(run);
        long verified = System.nanoTime();
        run.revert();
        long released = System.nanoTime();

        assertThat(verification.tookEffect()).as(verification.detail()).isTrue();
        System.out.printf("state: injection -> verified %d ms, revert -> released %d ms%n",
                (verified - injected) / 1_000_000, (released - verified) / 1_000_000);
        assertThat(Duration.ofNanos(verified - injected)).isLessThan(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(released - verified)).isLessThan(Duration.ofSeconds(1));
    }
}
