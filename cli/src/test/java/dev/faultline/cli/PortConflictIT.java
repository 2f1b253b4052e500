package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import dev.faultline.engine.runtime.PortConflicts;

/**
 * Docker really refuses a container start because the host port it picked is taken, and the retry rule starts the
 * container again on a fresh port. Docker picks a published port on 127.0.0.1 as the one after the last it gave,
 * and tries ten itself: this test learns the last, holds the next ten, and starts a container published as the
 * harness publishes a service's ports.
 */
class PortConflictIT {
    private static final int CONTAINER_PORT = 8080;
    private static final int PORTS_DOCKER_TRIES = 10;

    private final List<ServerSocket> held = new ArrayList<>();
    private final List<GenericContainer<?>> started = new ArrayList<>();

    @AfterEach
    void releaseEverything() throws IOException {
        started.forEach(GenericContainer::stop);
        for (ServerSocket s : held) {
            s.close();
        }
    }

    @Test
    void aContainerRefusedBecauseItsHostPortIsTakenIsStartedAgainOnAFreshPort() throws IOException {
        GenericContainer<?> first = published();
        first.start();
        int last = first.getMappedPort(CONTAINER_PORT);
        first.stop();
        for (int port = last + 1; port <= last + PORTS_DOCKER_TRIES; port++) {
            hold(port);
        }
        List<String> notes = new ArrayList<>();
        GenericContainer<?> c = published();

        PortConflicts.start("probe", c::start, c::stop, notes::add);

        assertThat(c.isRunning()).isTrue();
        assertThat(c.getMappedPort(CONTAINER_PORT)).isGreaterThan(last + PORTS_DOCKER_TRIES);
        assertThat(notes).singleElement().asString().startsWith("probe: a host port was taken by another process (")
                .contains("address already in use").endsWith("attempt 2 of " + PortConflicts.ATTEMPTS);
    }

    /** A container whose one port is published on 127.0.0.1 at a port Docker picks, as the harness's are. */
    private GenericContainer<?> published() {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("faultline/base:bookworm"))
                .withCommand("sh", "-c", "echo up; exec sleep 120")
                .withLabels(Map.of("dev.faultline.test", "PortConflictIT"))
                .withExposedPorts(CONTAINER_PORT)
                .withStartupAttempts(1)
                .waitingFor(Wait.forLogMessage("up\\n", 1))
                .withCreateContainerCmdModifier(cmd -> {
                    HostConfig host = cmd.getHostConfig() == null ? HostConfig.newHostConfig() : cmd.getHostConfig();
                    Ports bindings = new Ports();
                    bindings.bind(ExposedPort.tcp(CONTAINER_PORT), Ports.Binding.bindIp("127.0.0.1"));
                    cmd.withHostConfig(host.withPortBindings(bindings));
                });
        started.add(c);
        return c;
    }

    private void hold(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            held.add(s);
        } catch (IOException inUseAlready) {
            // taken by someone else: Docker cannot have it either
        }
    }
}
