package dev.faultline.engine.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Starts the containers of one start level at once, all or nothing, as Testcontainers' {@code Startables.deepStart}
 * does for one level. When one start fails, the others are interrupted and awaited before the failure is thrown, so
 * that nothing of the run is still being created while the caller removes what was.
 */
final class ParallelStart {
    /** How long the starts still running after a failure get to end once interrupted. */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);
    private static final Duration ABANDON_CHECK = Duration.ofMillis(200);

    /** One container's start: {@code name} names its thread and its failure. */
    record Task(String name, Runnable start) {
    }

    private ParallelStart() {
    }

    /**
     * Runs every task on its own thread and returns when all have ended well; otherwise throws the first failure
     * (an unchecked one as it is) once every other task has ended or {@link #STOP_WAIT} has passed.
     */
    static void all(List<Task> tasks) {
        all(tasks, STOP_WAIT);
    }

    static void all(List<Task> tasks, Duration stopWait) {
        all(tasks, stopWait, () -> null);
    }

    /**
     * As {@link #all(List, Duration)}, and gives up as a failure once {@code abandon} names a reason (the Docker
     * engine was lost: a start would only wait out its timeout).
     */
    static void all(List<Task> tasks, Duration stopWait, Supplier<String> abandon) {
        if (tasks.isEmpty()) {
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), runnable -> {
            Thread t = new Thread(runnable, "faultline-start-" + tasks.get(threads.getAndIncrement()).name());
            t.setDaemon(true);
            return t;
        });
        CompletionService<Void> done = new ExecutorCompletionService<>(pool);
        List<Future<Void>> running = new ArrayList<>();
        Throwable failure = null;
        boolean interrupted = false;
        try {
            for (Task task : tasks) {
                running.add(done.submit(() -> {
                    task.start().run();
                    return null;
                }));
            }
            for (int ended = 0; ended < tasks.size() && failure == null; ) {
                try {
                    Future<Void> next = done.poll(ABANDON_CHECK.toNanos(), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        ended++;
                        next.get();
                    } else if (abandon.get() != null) {
                        failure = new IllegalStateException(abandon.get());
                    }
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            failure = new IllegalStateException("interrupted while starting "
                    + String.join(", ", tasks.stream().map(Task::name).toList()), e);
        } finally {
            if (failure != null) {
                running.forEach(f -> f.cancel(true));
            }
            pool.shutdown();
            interrupted |= awaitEnd(pool, stopWait);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Waits up to {@code wait} for the pool's threads to end; true when this thread was interrupted meanwhile. */
    private static boolean awaitEnd(ExecutorService pool, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean interrupted = false;
        while (!pool.isTerminated()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                pool.awaitTermination(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    /** A step to call once per member of a group; the last call (of {@code members}) runs {@code whenAll}. */
    static Runnable afterAll(int members, Runnable whenAll) {
        AtomicInteger left = new AtomicInteger(members);
        return () -> {
            if (left.decrementAndGet() == 0) {
                whenAll.run();
            }
        };
    }
}
