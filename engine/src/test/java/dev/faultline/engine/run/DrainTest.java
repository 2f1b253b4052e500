package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.faultline.engine.model.HealthCheck;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.LoadDriver;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent;

/** {@link Drain}: the engine asks the agents' state beside the load driver's drain and notes why it ended. */
@Timeout(10)
class DrainTest {
    private static final Duration SETTLE = Duration.ofMillis(300);
    private final Timeline timeline = new Timeline();

    private static Topology oneWorker(HealthCheck state) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("worker", new ServiceSpec("worker", "image", Role.AGENT, 1, Map.of(), List.of(8080), null,
                List.of(), null, null, state));
        return new Topology("t", services, List.of());
    }

    private static Supplier<List<StateReader.Answer>> worker(String body) {
        return () -> List.of(StateReader.parse(0, "worker", body));
    }

    /** A load whose drain asks the engine before each read, like a driver, until told or {@code max} passed. */
    private static final class PollingLoad implements LoadDriver.Running {
        final List<Boolean> asked = new ArrayList<>();

        @Override
        public LoadDriver.DrainEnd drain(Duration max, BooleanSupplier nothingHeld) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                boolean held = nothingHeld.getAsBoolean();
                asked.add(held);
                if (held) {
                    return LoadDriver.DrainEnd.NOTHING_HELD;
                }
                Poll.untilTime(System.nanoTime() + 20_000_000L, () -> false); // the driver's read interval
            }
            return LoadDriver.DrainEnd.DEADLINE;
        }

        @Override
        public void awaitSubmitted() {
        }

        @Override
        public void close() {
        }
    }

    private List<String> notes() {
        return timeline.events(TimelineEvent.Note.class, n -> true).stream().map(TimelineEvent.Note::message).toList();
    }

    @Test
    void aSystemThatHoldsNothingEndsTheDrainAfterTheSettlingPeriod() throws InterruptedException {
        PollingLoad load = new PollingLoad();
        long began = System.nanoTime();

        LoadDriver.DrainEnd end = Drain.run(load, Duration.ofSeconds(5),
                new DrainRule(oneWorker(new HealthCheck("/state", 8080)), SETTLE),
                worker("{\"ledger\":{\"pending\":0}}"), timeline);

        assertThat(end).isEqualTo(LoadDriver.DrainEnd.NOTHING_HELD);
        assertThat((System.nanoTime() - began) / 1_000_000).isBetween(SETTLE.toMillis(), 2_000L);
        assertThat(notes()).singleElement().asString().startsWith("drain ended: nothing held for 300ms");
    }

    @Test
    void aSystemThatStillHoldsWorkDrainsUntilMax() throws InterruptedException {
        PollingLoad load = new PollingLoad();

        LoadDriver.DrainEnd end = Drain.run(load, Duration.ofMillis(800),
                new DrainRule(oneWorker(new HealthCheck("/state", 8080)), SETTLE),
                worker("{\"ledger\":{\"pending\":2}}"), timeline);

        assertThat(end).isEqualTo(LoadDriver.DrainEnd.DEADLINE);
        assertThat(load.asked).isNotEmpty().containsOnly(false);
        assertThat(notes()).containsExactly(
                "drain ended: its limit of 800ms passed; the last state round showed held: worker: pending 2");
    }

    @Test
    void withoutAnyStateEndpointTheEngineNeverSaysNothingIsHeld() throws InterruptedException {
        PollingLoad load = new PollingLoad();

        LoadDriver.DrainEnd end = Drain.run(load, Duration.ofMillis(800), new DrainRule(oneWorker(null), SETTLE),
                worker("{\"ledger\":{\"pending\":0}}"), timeline);

        assertThat(end).isEqualTo(LoadDriver.DrainEnd.DEADLINE);
        assertThat(load.asked).isNotEmpty().containsOnly(false);
    }
}
