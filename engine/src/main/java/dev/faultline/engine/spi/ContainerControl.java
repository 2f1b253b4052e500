package dev.faultline.engine.spi;

import java.time.Duration;

/** Operations on the run's own containers, by instance name ({@code worker-0}, {@code rabbitmq}). */
public interface ContainerControl {
    void kill(String instance, String signal);

    void stop(String instance, Duration timeout);

    void start(String instance);

    void pause(String instance);

    void unpause(String instance);

    boolean isRunning(String instance);

    boolean isPaused(String instance);

    /** Docker's StartedAt of the instance's current process: changes whenever it is (re)started. */
    String startedAt(String instance);

    /** Runs a command inside the container; returns its exit code. */
    int exec(String instance, String... command);

    /** Whether the supervisor is allowed to restart this instance after it dies (faults like stop turn it off). */
    void supervise(String instance, boolean enabled);
}
