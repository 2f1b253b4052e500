package dev.faultline.injectors.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.FaultSpec;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultContext;
import dev.faultline.engine.spi.ServiceAccess;
import dev.faultline.engine.spi.StoreAdapter;
import dev.faultline.engine.yaml.YamlParams;
import dev.faultline.injectors.FakeFaultContext;
import dev.faultline.injectors.adapters.Adapters;

/** One run's tampering with checkpoints, against a store kept in memory behind a fake adapter. */
class CheckpointTamperTest {
    private static final ServiceSpec STORE = new ServiceSpec("store", "fake/store", Role.STORE, 1, Map.of(),
            List.of(5432), null, List.of(), null, null);
    private static final ServiceSpec WORKER = new ServiceSpec("worker", "faultline/agent", Role.AGENT, 2, Map.of(),
            List.of(), null, List.of("store"), null, null);
    private static final Topology TOPOLOGY = new Topology("t", Map.of("store", STORE, "worker", WORKER), List.of());

    private final FakeStore store = new FakeStore();
    private final List<String> notes = new ArrayList<>();

    private Fault.Handle run(String... targets) {
        StateCorruption fault = StateCorruption.read(YamlParams.parse("{kind: state}"), Duration.ofSeconds(8));
        return new CheckpointTamper(fault, context(fault, List.of(targets)),
                Adapters.of(StoreAdapter.class, "store", List.of(store)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String value(String owner, long version) {
        return new String(store.rows.get(owner).get(version), StandardCharsets.UTF_8);
    }

    @Test
    void theLatestCheckpointIsTamperedWithAndVerifiedByReadingItBack() throws Exception {
        store.put("worker-0", 1, "{\"tally\": 1}");
        store.put("worker-0", 2, "{\"tally\": 2}");
        Fault.Handle run = run("worker-0");

        run.apply();

        assertThat(run.verify().tookEffect()).isTrue();
        assertThat(value("worker-0", 2)).isEqualTo("{\"tally\":2007}");
        assertThat(value("worker-0", 1)).as("an older checkpoint").isEqualTo("{\"tally\": 1}");
    }

    @Test
    void anotherInstancesCheckpointIsLeftAlone() throws Exception {
        store.put("worker-0", 1, "{\"tally\": 1}");
        store.put("worker-1", 1, "{\"tally\": 1}");

        run("worker-0").apply();

        assertThat(value("worker-1", 1)).isEqualTo("{\"tally\": 1}");
    }

    @Test
    void aTargetWithoutACheckpointIsNotVerifiedYetSayingSo() throws Exception {
        Fault.Handle run = run("worker-0");

        run.apply();

        Fault.Verification verification = run.verify();
        assertThat(verification.tookEffect()).isFalse();
        assertThat(verification.detail()).isEqualTo("no checkpoint of worker-0 in store yet (checkpoints.state"
                + " (latest by version per owner), owner = 'worker-0'): tampered with as soon as there is one");
    }

    @Test
    void aTargetsFirstCheckpointIsTamperedWithOnceItAppears() throws Exception {
        Fault.Handle run = run("worker-0");
        run.apply();
        run.verify();
        store.put("worker-0", 1, "{\"tally\": 1}");

        Fault.Verification verification = run.verify();

        assertThat(verification.tookEffect()).as(verification.detail()).isTrue();
        assertThat(value("worker-0", 1)).isEqualTo("{\"tally\":1007}");
    }

    @Test
    void itIsNotVerifiedWhenTheOriginalWasPutBackBehindItsBack() throws Exception {
        store.put("worker-0", 1, "{\"tally\": 1}");
        Fault.Handle run = run("worker-0");
        run.apply();

        store.put("worker-0", 1, "{\"tally\": 1}");

        Fault.Verification verification = run.verify();
        assertThat(verification.tookEffect()).isFalse();
        assertThat(verification.detail()).isEqualTo("the checkpoint of worker-0 (version 1) does not hold the value"
                + " Faultline wrote: it was written again or removed");
    }

    @Test
    void revertPutsTheOriginalBackAndSaysSo() throws Exception {
        store.put("worker-0", 1, "{\"tally\": 1}");
        Fault.Handle run = run("worker-0");
        run.apply();

        run.revert();

        assertThat(value("worker-0", 1)).isEqualTo("{\"tally\": 1}");
        assertThat(notes).contains("put back the original checkpoint of worker-0 (version 1)");
    }

    @Test
    void revertingTwiceIsTheSameAsOnce() throws Exception {
        store.put("worker-0", 1, "{\"tally\": 1}");
        Fault.Handle run = run("worker-0");
        run.apply();
        run.revert();
        store.put("worker-0", 1, "{\"tally\": 5}");

        run.revert();

        assertThat(value("worker-0", 1)).isEqualTo("{\"tally\": 5}");
    }

    @Test
    void revertLeavesWhatTheAgentWroteSinceAlone() throws Exception {
        store.put("worker-0", 1, "{\"tally\": 1}");
        Fault.Handle run = run("worker-0");
        run.apply();
        store.put("worker-0", 1, "{\"tally\": 9}");

        run.revert();

        assertThat(value("worker-0", 1)).isEqualTo("{\"tally\": 9}");
    }

    @Test
    void revertPutsBackWhatAFailedApplyWroteBeforeItFailed() throws Exception {
        store.put("worker-0", 1, "{\"tally\": 1}");
        store.failAfterWriting = true;
        Fault.Handle run = run("worker-0");
        assertThatThrownBy(run::apply).hasMessage("connection lost");
        store.failAfterWriting = false;

        run.revert();

        assertThat(value("worker-0", 1)).isEqualTo("{\"tally\": 1}");
    }

    @Test
    void revertWithoutApplyTouchesNothing() {
        store.put("worker-0", 1, "{\"tally\": 1}");
        Fault.Handle run = run("worker-0");

        assertThatCode(run::revert).doesNotThrowAnyException();
        assertThat(store.writes).isZero();
        assertThat(store.opened).isZero();
    }

    @Test
    void nothingIsTamperedWithOnceReverted() throws Exception {
        Fault.Handle run = run("worker-0");
        run.apply();
        run.revert();
        store.put("worker-0", 1, "{\"tally\": 1}");

        assertThat(run.verify().tookEffect()).isFalse();
        assertThat(value("worker-0", 1)).isEqualTo("{\"tally\": 1}");
    }

    @Test
    void everyTargetInstanceHasItsOwnLatestCheckpointTamperedWith() throws Exception {
        store.put("worker-0", 3, "[3]");
        store.put("worker-1", 7, "[7]");
        Fault.Handle run = run("worker-0", "worker-1");

        run.apply();

        assertThat(run.verify().detail()).isEqualTo("the latest checkpoint of worker-0 (version 3, jsonb), worker-1"
                + " (version 7, jsonb) in store holds a tampered value, read back");
        assertThat(List.of(value("worker-0", 3), value("worker-1", 7))).containsExactly("[3007]", "[7007]");
    }

    private FaultContext context(Fault fault, List<String> targets) {
        FaultSpec spec = new FaultSpec("tamper", "data-corruption", Target.all("worker"), Duration.ZERO,
                Duration.ofSeconds(8), fault);
        return FakeFaultContext.of(spec, targets, new NoContainers()).withService(WORKER).withTopology(TOPOLOGY)
                .withSeed(42L).notingTo(notes::add);
    }

    /** A store of JSON checkpoints in memory: owner -> version -> value. */
    private static final class FakeStore implements StoreAdapter {
        final Map<String, TreeMap<Long, byte[]>> rows = new LinkedHashMap<>();
        boolean failAfterWriting;
        int writes;
        int opened;

        void put(String owner, long version, String value) {
            rows.computeIfAbsent(owner, o -> new TreeMap<>()).put(version, utf8(value));
        }

        @Override
        public String product() {
            return "fake";
        }

        @Override
        public boolean recognizes(ServiceSpec service) {
            return service.image().startsWith("fake/");
        }

        @Override
        public int defaultPort() {
            return 5432;
        }

        @Override
        public Checkpoints open(ServiceAccess access, int port, Location location) {
            opened++;
            return new Checkpoints() {
                @Override
                public Optional<Checkpoint> latest(String owner) {
                    TreeMap<Long, byte[]> mine = rows.get(owner);
                    if (mine == null || mine.isEmpty()) {
                        return Optional.empty();
                    }
                    Map.Entry<Long, byte[]> last = mine.lastEntry();
                    return Optional.of(new Checkpoint(owner, last.getKey().toString(), Format.JSON, "jsonb",
                            last.getValue()));
                }

                @Override
                public boolean replace(Checkpoint row, byte[] expected, byte[] replacement) {
                    if (!holds(row, expected)) {
                        return false;
                    }
                    writes++;
                    rows.get(row.owner()).put(Long.parseLong(row.key()), replacement);
                    if (failAfterWriting) {
                        throw new IllegalStateException("connection lost");
                    }
                    return true;
                }

                @Override
                public boolean holds(Checkpoint row, byte[] value) {
                    TreeMap<Long, byte[]> mine = rows.get(row.owner());
                    byte[] current = mine == null ? null : mine.get(Long.parseLong(row.key()));
                    return current != null && Arrays.equals(current, value);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Only the store's published port is asked for. */
    private static final class NoContainers implements ContainerControl {
        @Override
        public int hostPort(String instance, int containerPort) {
            return 15432;
        }

        @Override
        public void kill(String instance, String signal) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop(String instance, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(String instance) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void pause(String instance) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unpause(String instance) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isRunning(String instance) {
            return true;
        }

        @Override
        public boolean isPaused(String instance) {
            return false;
        }

        @Override
        public String startedAt(String instance) {
            return "";
        }

        @Override
        public int exec(String instance, String... command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void supervise(String instance, boolean enabled) {
            throw new UnsupportedOperationException();
        }
    }
}
