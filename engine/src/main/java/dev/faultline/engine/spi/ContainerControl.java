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

    /** Runs a command inside the container as root (whatever the image's user) and collects what it wrote. */
    default ExecResult run(String instance, String... command) {
        throw new UnsupportedOperationException("run is not supported by " + getClass().getSimpleName());
    }

    /**
     * Writes {@code content} to {@code file} (relative, e.g. {@code .faultline-x/stress}) under {@code directory},
     * which must exist; the file's own parent directories are created (mode 0700) and the file gets {@code mode}.
     */
    default void copyInto(String instance, String directory, String file, byte[] content, int mode) {
        throw new UnsupportedOperationException("copyInto is not supported by " + getClass().getSimpleName());
    }

    /** A file of one of the harness's own images ({@code faultline/stress}), read without starting the image. */
    default byte[] fileFromImage(String image, String path) {
        throw new UnsupportedOperationException("fileFromImage is not supported by " + getClass().getSimpleName());
    }

    /** Whether the kernel's OOM killer ended the instance's last run. */
    default boolean oomKilled(String instance) {
        throw new UnsupportedOperationException("oomKilled is not supported by " + getClass().getSimpleName());
    }

    /** The port on 127.0.0.1 that reaches {@code containerPort} of the instance, or -1 when it is not running. */
    default int hostPort(String instance, int containerPort) {
        throw new UnsupportedOperationException("hostPort is not supported by " + getClass().getSimpleName());
    }

    /** What a command run in a container exited with and wrote. */
    record ExecResult(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
