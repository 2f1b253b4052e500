package dev.faultline.engine.spi;

import java.util.Objects;
import java.util.Optional;

import dev.faultline.engine.model.ServiceSpec;

/**
 * What an adapter ({@link ServiceAdapter}) may use to reach one running instance of a service for one run of one
 * fault: the instance's ports published on 127.0.0.1, a way to run a command inside it, the service as the topology
 * declares it (its environment, for credentials), the login the fault's {@code with} sets (user and password, each
 * absent when not set) and a tag naming this fault's run, for whatever the adapter leaves visible in the service
 * (a connection's name, a queue's name).
 *
 * @param instance   the container instance, e.g. {@code rabbitmq}
 * @param service    the instance's service as the topology declares it
 * @param containers the run's containers
 * @param user       the user the fault's {@code with.user} names; null when not set
 * @param password   that user's password from {@code with.password}; null when not set (never shown)
 * @param tag        unique per fault and run, {@code [a-z0-9-]+}, e.g. {@code poison-tasks-0123abcd}
 */
public record ServiceAccess(String instance, ServiceSpec service, ContainerControl containers, String user,
                            String password, String tag) {
    public ServiceAccess {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(containers, "containers");
        if (tag == null || !tag.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("tag must match [a-z0-9-]+, but was " + tag);
        }
    }

    /** The user the fault names, if it names one. */
    public Optional<String> configuredUser() {
        return Optional.ofNullable(user);
    }

    /** The password the fault gives, if it gives one. */
    public Optional<String> configuredPassword() {
        return Optional.ofNullable(password);
    }

    /**
     * The port on 127.0.0.1 that reaches {@code containerPort} of the instance.
     *
     * @throws IllegalStateException when the instance does not publish it or is not running
     */
    public int hostPort(int containerPort) {
        int port = containers.hostPort(instance, containerPort);
        if (port < 0) {
            throw new IllegalStateException(instance + " publishes no port " + containerPort + " (is it running?)");
        }
        return port;
    }

    /** Runs a command inside the instance as root and collects what it wrote. */
    public ContainerControl.ExecResult run(String... command) {
        return containers.run(instance, command);
    }

    /** No password in logs or reports. */
    @Override
    public String toString() {
        return "ServiceAccess[" + instance + (user == null ? "" : " as " + user) + " tag " + tag + "]";
    }
}
