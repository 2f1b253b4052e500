package dev.faultline.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PauseContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;

/**
 * Calls to a Docker engine that answer once give up after their limit: a hung engine fails the call instead of holding
 * the harness; an engine that answers, or refuses, is seen as it is. The engine is a stand-in answering each command
 * with what {@link #answer} says.
 */
// without the limit the hung call waits for this engine forever, and so would an interrupt of the test thread
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedDockerTest {
    private static final Duration LIMIT = Duration.ofMillis(300);
    private final CountDownLatch engineBack = new CountDownLatch(1);
    private final AtomicReference<FakeDockerCommand.Answer> answer = new AtomicReference<>();
    private final DockerClient docker = BoundedDocker.wrap(engine(), LIMIT);

    @AfterEach
    void releaseTheEngine() {
        engineBack.countDown(); // the calls given up on end with the test
    }

    @Test
    void aCallTheEngineNeverAnswersFailsAtItsLimitNamingTheCall() {
        answer.set(() -> {
            engineBack.await();
            return null;
        });

        long started = System.nanoTime();
        assertThatThrownBy(() -> docker.pauseContainerCmd("worker-0").exec()).isInstanceOf(DockerException.class)
                .hasMessage("the Docker engine did not answer pause container within 300ms");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMs).as("given up at the limit, not when the engine answers").isBetween(250L, 10_000L);
    }

    @Test
    void aChainOfSettersKeepsTheLimit() {
        answer.set(() -> {
            engineBack.await();
            return null;
        });

        assertThatThrownBy(() -> docker.removeContainerCmd("worker-0").withForce(true).withRemoveVolumes(true).exec())
                .hasMessage("the Docker engine did not answer remove container within 300ms");
    }

    @Test
    void anAnswerAndARefusalComeBackAsTheEngineGaveThem() {
        InspectContainerResponse inspected = new InspectContainerResponse();
        answer.set(() -> inspected);
        assertThat(docker.inspectContainerCmd("worker-0").exec()).isSameAs(inspected);

        answer.set(() -> {
            throw new NotFoundException("No such container: worker-0");
        });
        assertThatThrownBy(() -> docker.pauseContainerCmd("worker-0").exec()).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No such container: worker-0");
    }

    @Test
    void anInterruptDoesNotCutACallShortAndIsKept() throws InterruptedException {
        CountDownLatch underWay = new CountDownLatch(1);
        answer.set(() -> {
            underWay.countDown();
            engineBack.await();
            return null;
        });
        DockerClient patient = BoundedDocker.wrap(engine(), Duration.ofSeconds(30));
        Throwable[] thrown = new Throwable[1];
        boolean[] interruptKept = new boolean[1];
        Thread reverting = new Thread(() -> {
            try {
                patient.unpauseContainerCmd("worker-0").exec();
            } catch (Throwable t) {
                thrown[0] = t;
            }
            interruptKept[0] = Thread.currentThread().isInterrupted();
        });
        reverting.start();
        assertThat(underWay.await(10, TimeUnit.SECONDS)).isTrue();
        reverting.interrupt(); // a Ctrl-C while a fault is reverted
        engineBack.countDown();
        reverting.join(10_000);

        assertThat(thrown[0]).isNull();
        assertThat(interruptKept[0]).isTrue();
    }

    @Test
    void aCommandIsNamedInWords() {
        assertThat(BoundedDocker.name(PauseContainerCmd.class)).isEqualTo("pause container");
    }

    /** A Docker client whose every command answers what {@link #answer} holds when it is executed. */
    private DockerClient engine() {
        return (DockerClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DockerClient.class},
                (proxy, method, args) -> FakeDockerCommand.of(method.getReturnType(), () -> answer.get().get()));
    }
}
