package dev.faultline.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import org.junit.jupiter.api.Test;
import org.rnorth.ducttape.RetryCountExceededException;
import org.testcontainers.containers.ContainerLaunchException;

/**
 * The retry rule, with failures shaped as Testcontainers throws them around docker-java's answer (the message is
 * Docker 20.10's, seen on a host whose ports 32773-32782 were taken). PortConflictIT makes Docker refuse for real.
 */
class PortConflictsTest {
    private static final String IN_USE = "Status 500: {\"message\":\"driver failed programming external connectivity on"
            + " endpoint faultline-run-worker-0 (4ae1cfd8): Error starting userland proxy: listen tcp4"
            + " 127.0.0.1:32782: bind: address already in use\"}\n";

    private final List<String> notes = new ArrayList<>();
    private final List<String> steps = new ArrayList<>();

    /** What GenericContainer.start() throws when Docker refused to start the container. */
    private static RuntimeException startFailure(String dockerMessage) {
        Exception launch = new ContainerLaunchException("Could not create/start container",
                new InternalServerErrorException(dockerMessage));
        return new ContainerLaunchException("Container startup failed for image faultline/agent:latest",
                new RetryCountExceededException("Retry limit hit with exception", launch));
    }

    @Test
    void aPortTakenByAnotherProcessIsAConflictAtAnyDepth() {
        assertThat(PortConflicts.isPortConflict(startFailure(IN_USE))).isTrue();
        assertThat(PortConflicts.isPortConflict(startFailure("Status 500: Bind for 127.0.0.1:8080 failed: port is"
                + " already allocated"))).isTrue();
        assertThat(PortConflicts.isPortConflict(startFailure("Status 404: No such image: faultline/agent"))).isFalse();
        assertThat(PortConflicts.isPortConflict(new ContainerLaunchException("Timed out waiting for container port"
                + " to open"))).isFalse();
    }

    @Test
    void aStartRefusedForAPortConflictIsDiscardedAndStartedAgainWithANote() {
        AtomicInteger starts = new AtomicInteger();

        PortConflicts.start("worker-0", () -> {
            steps.add("start");
            if (starts.incrementAndGet() == 1) {
                throw startFailure(IN_USE);
            }
        }, () -> steps.add("discard"), notes::add);

        assertThat(steps).containsExactly("start", "discard", "start");
        assertThat(notes).singleElement().asString()
                .startsWith("worker-0: a host port was taken by another process (Status 500: ")
                .contains("127.0.0.1:32782: bind: address already in use")
                .endsWith("starting it again on a fresh port, attempt 2 of " + PortConflicts.ATTEMPTS)
                .doesNotContain("\n");
    }

    @Test
    void anyOtherFailureIsThrownAtOnceWithoutAnotherStart() {
        RuntimeException noImage = startFailure("Status 404: No such image: faultline/agent");

        assertThatThrownBy(() -> PortConflicts.start("worker-0", () -> {
            steps.add("start");
            throw noImage;
        }, () -> steps.add("discard"), notes::add)).isSameAs(noImage);
        assertThat(steps).containsExactly("start");
        assertThat(notes).isEmpty();
    }

    @Test
    void conflictsAreRetriedABoundedNumberOfTimesThenTheLastIsThrown() {
        AtomicInteger starts = new AtomicInteger();

        assertThatThrownBy(() -> PortConflicts.start("worker-0", () -> {
            starts.incrementAndGet();
            throw startFailure(IN_USE);
        }, () -> { }, notes::add)).satisfies(e -> assertThat(PortConflicts.isPortConflict(e)).isTrue());
        assertThat(starts).hasValue(PortConflicts.ATTEMPTS);
        assertThat(notes).hasSize(PortConflicts.ATTEMPTS - 1);
    }
}
