package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.yaml.YamlParams;

/**
 * The fault contract of a broker-side kind of {@code data-corruption}, against real RabbitMQ brokers with a
 * consuming agent each ({@link BrokerTargets}): the first run's world is {@code rabbitmq-a}, the second's
 * {@code rabbitmq-b}. Reverted means the broker shows nothing of Faultline's: no connection of its, tracing as
 * before, no queue or binding of its. Prints how long each run took from injection to verified and from revert to
 * released.
 */
@ExtendWith(BrokerTargets.class)
abstract class BrokerContract extends TopologyContract {
    private static final Map<String, String> BASELINES = new ConcurrentHashMap<>();

    BrokerContract() {
        super(BrokerTargets.TOPOLOGY);
    }

    /** The fault's {@code with:}. */
    protected abstract String with();

    /** The fault's {@code duration:}; none for an instantaneous kind. */
    protected abstract Duration duration();

    @Override
    protected Fault fault() {
        return new DataCorruptionType().configure(YamlParams.parse(with()), duration());
    }

    @Override
    protected Target target() {
        return Target.all("rabbitmq");
    }

    @Override
    protected String targetName() {
        return "rabbitmq";
    }

    @Override
    protected Duration verifyWithin() {
        return Duration.ofSeconds(8);
    }

    @Override
    protected Object observed(Side side) {
        return BrokerTargets.snapshot(instance(side));
    }

    @BeforeEach
    void takeBaselines() {
        for (Side side : Side.values()) {
            BASELINES.computeIfAbsent(instance(side), BrokerTargets::snapshot);
        }
    }

    /** Nothing of Faultline's is left in the broker: it shows what it showed before any fault. */
    @Override
    protected void assertReverted() {
        String broker = instance(Side.FIRST);
        String now = BrokerTargets.snapshot(broker);
        assertThat(now).as("what " + broker + " shows after revert").contains("Faultline's connections: 0")
                .doesNotContain("faultline-tap").isEqualTo(BASELINES.get(broker));
    }

    @Override
    protected Fault.Handle watched(Fault.Handle run) {
        return new Timed(run, getClass().getSimpleName());
    }

    /**
     * A run that prints the time from its apply to its first successful verification, and how long its first
     * revert took (a revert returns once the release is observed).
     */
    private static final class Timed implements Fault.Handle {
        private final Fault.Handle run;
        private final String name;
        private long appliedAt = -1;
        private boolean verified;
        private boolean reverted;

        Timed(Fault.Handle run, String name) {
            this.run = run;
            this.name = name;
        }

        @Override
        public void apply() throws Exception {
            appliedAt = System.nanoTime();
            run.apply();
        }

        @Override
        public Fault.Verification verify() throws Exception {
            Fault.Verification v = run.verify();
            if (v.tookEffect() && !verified && appliedAt >= 0) {
                verified = true;
                System.out.printf("TIMING %s inject->verified %d ms (%s)%n", name,
                        (System.nanoTime() - appliedAt) / 1_000_000, v.detail());
            }
            return v;
        }

        @Override
        public void revert() throws Exception {
            long start = System.nanoTime();
            run.revert();
            if (!reverted && appliedAt >= 0) {
                reverted = true;
                System.out.printf("TIMING %s revert->released %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
