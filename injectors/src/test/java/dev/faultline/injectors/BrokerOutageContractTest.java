package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Target;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.yaml.YamlParams;

/** The fault contract of {@code broker-outage} in the modes that act on the broker's container. */
class BrokerOutageContractTest {
    private static final String BROKER = "rabbitmq";

    private static Fault outage(String mode) {
        return new BrokerOutageType().configure(YamlParams.parse("{mode: " + mode + "}"), Duration.ofSeconds(15));
    }

    /** Contract over the fake containers, with the broker as the target. */
    abstract static class OnContainers extends FaultContractTest {
        @Override
        protected Target target() {
            return Target.all(BROKER);
        }

        @Override
        protected List<String> targets() {
            return List.of(BROKER);
        }

        /** The broker runs, unpaused, supervised again, and the clients were left alone. */
        @Override
        protected void assertReverted() {
            assertThat(containers.isRunning(BROKER)).as("broker running").isTrue();
            assertThat(containers.isPaused(BROKER)).as("broker paused").isFalse();
            assertThat(containers.unsupervised).as("instances left unsupervised").isEmpty();
            assertThat(containers.operations).as("operations on other instances")
                    .noneMatch(op -> op.contains("worker-"));
        }
    }

    @Nested
    class Stop extends OnContainers {
        @Override
        protected Fault fault() {
            return outage("stop");
        }

        /** Someone started the broker again behind the fault's back. */
        @Override
        protected void applyWithoutEffect(Fault.Handle run) throws Exception {
            run.apply();
            containers.start(BROKER);
        }

        @Test
        void stopsTheBrokerUnsupervisedThenStartsTheSameContainerAndSupervisesItAgain() throws Exception {
            Fault.Handle run = run(fault());

            run.apply();
            assertThat(containers.operations).containsExactly("supervise rabbitmq false", "stop rabbitmq 10s");
            run.revert();

            assertThat(containers.operations).containsExactly("supervise rabbitmq false", "stop rabbitmq 10s",
                    "start rabbitmq", "supervise rabbitmq true");
        }

        @Test
        void aStopThatFailedStillGetsSupervisionBackOnRevert() throws Exception {
            Fault.Handle run = run(fault());
            containers.failing.add("stop");
            assertThatThrownBy(run::apply).isInstanceOf(IllegalStateException.class);

            run.revert();

            assertReverted();
            assertThat(containers.operations).doesNotContain("start rabbitmq");
        }

        @Test
        void isVerifiedOnlyWhileTheBrokerIsDown() throws Exception {
            Fault.Handle run = run(fault());
            run.apply();
            containers.start(BROKER);

            assertThat(run.verify().detail()).isEqualTo("still running after stop: [rabbitmq]");
        }
    }

    @Nested
    class Kill extends OnContainers {
        @Override
        protected Fault fault() {
            return outage("kill");
        }

        @Test
        void killsTheBrokerUnsupervisedThenStartsItAndSupervisesItAgain() throws Exception {
            Fault.Handle run = run(fault());

            run.apply();
            run.revert();

            assertThat(containers.operations).containsExactly("supervise rabbitmq false", "kill rabbitmq KILL",
                    "start rabbitmq", "supervise rabbitmq true");
        }

        @Test
        void aBrokerAlreadyDownIsNotSignalled() throws Exception {
            containers.stop(BROKER, Duration.ZERO);
            Fault.Handle run = run(fault());

            run.apply();

            assertThat(containers.operations).containsExactly("stop rabbitmq 0s", "supervise rabbitmq false");
            assertThat(notes).containsExactly("rabbitmq was not running: no signal sent");
        }

        @Test
        void aBrokerThatCameBackIsNotStartedTwice() throws Exception {
            Fault.Handle run = run(fault());
            run.apply();
            containers.start(BROKER);

            run.revert();

            assertThat(containers.operations).containsOnlyOnce("start rabbitmq");
        }
    }

    @Nested
    class Pause extends OnContainers {
        @Override
        protected Fault fault() {
            return outage("pause");
        }

        /** Someone unpaused the broker behind the fault's back. */
        @Override
        protected void applyWithoutEffect(Fault.Handle run) throws Exception {
            run.apply();
            containers.unpause(BROKER);
        }

        @Test
        void pausesThenUnpausesTheBrokerLeavingSupervisionAlone() throws Exception {
            Fault.Handle run = run(fault());

            run.apply();
            assertThat(run.verify().detail()).isEqualTo("[rabbitmq] paused");
            run.revert();

            assertThat(containers.operations).containsExactly("pause rabbitmq", "unpause rabbitmq");
        }

        @Test
        void revertUnpausesOnlyWhatIsPaused() {
            Fault fault = fault();

            assertThatCode(() -> run(fault).revert()).doesNotThrowAnyException();

            assertThat(containers.operations).isEmpty();
        }
    }
}
