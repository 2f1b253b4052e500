package dev.faultline.injectors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.faultline.engine.spi.ContainerControl;

/** Containers as a map of states, recording every operation; enough to check a fault's contract. */
final class FakeContainers implements ContainerControl {
    enum State { RUNNING, PAUSED, EXITED }

    final Map<String, State> states = new HashMap<>();
    final Map<String, Integer> starts = new HashMap<>();
    final List<String> operations = new ArrayList<>();
    /** Instances the supervisor may not restart (supervision is on unless turned off). */
    final Set<String> unsupervised = new HashSet<>();
    boolean ignoreSignals;
    /** Operations ({@code stop}, {@code start}, ...) that fail, as a Docker call can. */
    final Set<String> failing = new HashSet<>();

    FakeContainers(String... instances) {
        for (String i : instances) {
            states.put(i, State.RUNNING);
            starts.put(i, 1);
        }
    }

    @Override
    public void kill(String instance, String signal) {
        failIfFailing("kill", instance);
        operations.add("kill " + instance + " " + signal);
        if (!ignoreSignals) {
            states.put(instance, State.EXITED);
        }
    }

    @Override
    public void stop(String instance, Duration timeout) {
        failIfFailing("stop", instance);
        operations.add("stop " + instance + " " + timeout.toSeconds() + "s");
        states.put(instance, State.EXITED);
    }

    @Override
    public void start(String instance) {
        failIfFailing("start", instance);
        operations.add("start " + instance);
        states.put(instance, State.RUNNING);
        starts.merge(instance, 1, Integer::sum);
    }

    @Override
    public void pause(String instance) {
        failIfFailing("pause", instance);
        operations.add("pause " + instance);
        states.put(instance, State.PAUSED);
    }

    @Override
    public void unpause(String instance) {
        failIfFailing("unpause", instance);
        operations.add("unpause " + instance);
        states.put(instance, State.RUNNING);
    }

    @Override
    public boolean isRunning(String instance) {
        return states.get(instance) != State.EXITED;
    }

    @Override
    public boolean isPaused(String instance) {
        return states.get(instance) == State.PAUSED;
    }

    @Override
    public String startedAt(String instance) {
        return "start-" + starts.get(instance);
    }

    @Override
    public int exec(String instance, String... command) {
        operations.add("exec " + instance + " " + String.join(" ", command));
        return 0;
    }

    @Override
    public void supervise(String instance, boolean enabled) {
        operations.add("supervise " + instance + " " + enabled);
        if (enabled) {
            unsupervised.remove(instance);
        } else {
            unsupervised.add(instance);
        }
    }

    /** The states, who is unsupervised and every operation so far, for comparing two sets of containers. */
    String snapshot() {
        return new TreeMap<>(states) + " unsupervised=" + new TreeSet<>(unsupervised)
                + " operations=" + operations;
    }

    private void failIfFailing(String operation, String instance) {
        if (failing.contains(operation)) {
            throw new IllegalStateException(operation + " " + instance + " failed (as the test asked)");
        }
    }
}
