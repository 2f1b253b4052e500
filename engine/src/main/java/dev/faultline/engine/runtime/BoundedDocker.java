package dev.faultline.engine.runtime;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.StopContainerCmd;
import com.github.dockerjava.api.command.SyncDockerCmd;
import com.github.dockerjava.api.exception.DockerException;

import dev.faultline.engine.model.Durations;

/**
 * A Docker client whose calls that answer once ({@link SyncDockerCmd#exec()}: inspect, pause, kill, start, remove, ...)
 * give up after {@link #CALL_LIMIT}: an engine that stopped answering (seen once: a forced removal not returned after
 * 85 minutes, every other call hanging too) fails the call instead of holding the harness, so a fault under way, its
 * revert and the run's clean-up each end, and the run ends with ERROR. The lease (its own watch, 10 s of silence) says
 * why. Streams (events, logs, exec output, attach) are left as they are: their readers bound their own waits.
 */
final class BoundedDocker {
    /**
     * The longest a call that answers once may take: far beyond the slowest seen on a busy 2-core host (a container
     * start under load, 2-3 s), short enough that a run against a hung engine ends within minutes. A stop waits for
     * the container's own grace period on top.
     */
    static final Duration CALL_LIMIT = Duration.ofSeconds(30);

    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faultline-docker-call");
        t.setDaemon(true); // a call the engine never answers must not keep the JVM alive
        return t;
    });

    private BoundedDocker() {
    }

    static DockerClient wrap(DockerClient docker) {
        return wrap(docker, CALL_LIMIT);
    }

    static DockerClient wrap(DockerClient docker, Duration limit) {
        return proxy(DockerClient.class, docker, (self, method, args) -> {
            Object answer = invoke(docker, method, args);
            return answer instanceof SyncDockerCmd<?> command && method.getReturnType().isInterface()
                    ? boundedCommand(method.getReturnType(), command, limit) : answer;
        });
    }

    /** {@code command} with its {@code exec()} bounded; its setters answer the bounded command, so a chain stays so. */
    private static Object boundedCommand(Class<?> type, SyncDockerCmd<?> command, Duration limit) {
        Object[] bounded = new Object[1];
        bounded[0] = proxy(type, command, (self, method, args) -> {
            if (method.getName().equals("exec") && method.getParameterCount() == 0) {
                return call(command, name(type), limit.plus(grace(command)));
            }
            Object answer = invoke(command, method, args);
            return answer == command ? bounded[0] : answer;
        });
        return bounded[0];
    }

    /** The time a stop gives the container before it kills it: the engine answers only after that. */
    private static Duration grace(SyncDockerCmd<?> command) {
        if (command instanceof StopContainerCmd stop && stop.getTimeout() != null) {
            return Duration.ofSeconds(Math.max(0, stop.getTimeout()));
        }
        return Duration.ZERO;
    }

    /** Runs the command on a thread of its own ({@link #within}); past the limit a {@link DockerException} says so. */
    private static Object call(SyncDockerCmd<?> command, String name, Duration limit) {
        try {
            return within(command::exec, limit);
        } catch (TimeoutException e) {
            throw new NotAnswered("the Docker engine did not answer " + name + " within " + Durations.text(limit));
        }
    }

    /**
     * Runs {@code work} on a daemon thread and waits for it at most {@code limit}, even when interrupted (a Ctrl-C
     * while a fault is reverted or the run removed: that is the interrupt's own clean-up; the interrupt is kept, as a
     * blocking call would keep it). What {@code work} throws is thrown as it is (an unchecked exception, or an Error),
     * else wrapped. Past the limit the work is left to its thread, blocked on the engine.
     */
    static <T> T within(Callable<T> work, Duration limit) throws TimeoutException {
        Future<T> answer = CALLS.submit(work);
        long end = System.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r; // as the call itself throws it: NotFoundException, ConflictException, ...
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A call the engine did not answer in time: a {@link DockerException} without a status, its message as is. */
    static final class NotAnswered extends DockerException {
        private static final long serialVersionUID = 1L;
        private final String message;

        NotAnswered(String message) {
            super(message, 0);
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    /** {@code PauseContainerCmd} → {@code pause container}. */
    static String name(Class<?> command) {
        String words = command.getSimpleName().replaceAll("Cmd$", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return words.toLowerCase(Locale.ROOT);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> method.getDeclaringClass() == Object.class ? invoke(target, method, args)
                        : handler.invoke(self, method, args)));
    }
}
