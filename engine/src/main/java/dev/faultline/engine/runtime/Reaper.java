package dev.faultline.engine.runtime;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

import dev.faultline.engine.model.Durations;

/**
 * Removes the containers and networks of runs that are over: a run whose {@link Lease} container is not running
 * (its harness was killed, crashed or lost its host, or the engine restarted), judged the same by any harness on
 * the engine, whatever its host or PID namespace; and a run of a harness from before leases whose process is gone
 * from this PID namespace.
 */
public final class Reaper {
    /** How long a lease may stay created but not started: its harness is attaching to it ({@link Lease#take}). */
    static final Duration LEASE_START_GRACE = Duration.ofSeconds(60);
    /**
     * How many containers of a run are removed at once: one after another, eight forced removals took 1.5-2.9 s on a
     * busy 2-core host, at the end of every run; side by side 1.1-1.2 s.
     */
    static final int REMOVING_AT_ONCE = 8;
    /**
     * How long removing a run, or reaping the dead ones, may take before the harness gives up: a Docker engine that
     * stopped answering (seen once: a forced removal that had not returned after 85 minutes, and every other call to
     * that engine hanging too) must not hold the harness, and whatever it leaves is reaped by a later run by its
     * labels. A run's eight forced removals take 1-3 s on a busy 2-core host.
     */
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final DockerClient docker;
    private final Duration deadline;

    public Reaper(DockerClient docker) {
        this(docker, DEADLINE);
    }

    Reaper(DockerClient docker, Duration deadline) {
        this.docker = docker;
        this.deadline = deadline;
    }

    /** A lease container as the reaper sees it: its state and when it was created, by the engine's clock. */
    record LeaseState(String state, long createdEpochSecond) {
    }

    /**
     * Removes leftovers of runs that are over; returns how many containers were removed. The networks are listed
     * before the containers: a lease is created before everything else of its run and removed after it, so a
     * network whose lease is missing from the later list belongs to a run that is over.
     */
    public int reapDeadRuns() {
        return withinDeadline("reap the containers of dead runs", ConcurrentHashMap.newKeySet(), this::reap);
    }

    private int reap(Set<String> left) {
        List<Network> networks = docker.listNetworksCmd().withFilter("label", List.of(Labels.RUN)).exec();
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.RUN)).exec();
        Map<String, LeaseState> leases = new HashMap<>();
        for (Container c : containers) {
            if (c.getLabels().containsKey(Labels.LEASE)) {
                leases.put(c.getLabels().get(Labels.RUN), new LeaseState(c.getState(),
                        c.getCreated() == null ? 0 : c.getCreated()));
            }
        }
        LongSupplier engineNow = new EngineClock();
        List<Container> over = containers.stream().filter(c -> runIsOver(c.getLabels(), leases, engineNow)).toList();
        over.forEach(c -> left.add(nameOf(c)));
        int removed = 0;
        for (Container c : over) {
            if (!c.getLabels().containsKey(Labels.LEASE)) {
                removed += removeContainer(c, left);
            }
        }
        for (Network n : networks) {
            if (runIsOver(n.getLabels() == null ? Map.of() : n.getLabels(), leases, engineNow)) {
                removeNetwork(n.getId());
            }
        }
        for (Container c : over) { // last, as a run's own teardown does
            if (c.getLabels().containsKey(Labels.LEASE)) {
                removed += removeContainer(c, left);
            }
        }
        return removed;
    }

    /**
     * Whether the run of something labelled {@code labels} is over. A leased run is over when its lease is missing,
     * has ended, or was created more than {@link #LEASE_START_GRACE} ago and never started; other runs when their
     * harness process is gone ({@link Labels#ownerIsGone}).
     */
    static boolean runIsOver(Map<String, String> labels, Map<String, LeaseState> leases, LongSupplier engineNow) {
        if (!Labels.leased(labels)) {
            return Labels.ownerIsGone(labels);
        }
        LeaseState lease = leases.get(labels.get(Labels.RUN));
        if (lease == null) {
            return true;
        }
        return switch (lease.state() == null ? "" : lease.state()) {
            case "running", "paused", "restarting" -> false;
            case "created" -> engineNow.getAsLong() - lease.createdEpochSecond() > LEASE_START_GRACE.toSeconds();
            default -> true; // exited, dead, removing
        };
    }

    /**
     * Removes everything labelled with this run, whatever its state: its lease last, so that no other harness
     * judges the run over while it still has containers.
     */
    public void removeRun(String runId) {
        withinDeadline("remove the containers of run " + runId, ConcurrentHashMap.newKeySet(), left -> {
            removeRunNow(runId, left);
            return 0;
        });
    }

    /**
     * Runs {@code work} and waits for it at most {@link #DEADLINE} ({@link BoundedDocker#within}: an interrupt does not
     * cut it short and is kept). {@code work} keeps in {@code left} the containers it has not yet removed. Past the
     * deadline the work is left to its thread and this throws, naming what is left.
     */
    private <T> T withinDeadline(String what, Set<String> left, Work<T> work) {
        try {
            return BoundedDocker.within(() -> work.run(left), deadline);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Docker engine did not " + what + " within " + Durations.text(deadline)
                    + (left.isEmpty() ? "" : "; still there: " + String.join(", ", new TreeSet<>(left))));
        }
    }

    /** What {@link #withinDeadline} runs: it keeps in {@code left} the containers it has not yet removed. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Set<String> left) throws Exception;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void removeRunNow(String runId, Set<String> left) throws InterruptedException {
        String filter = Labels.RUN + "=" + runId;
        List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(filter))
                .exec();
        containers.forEach(c -> left.add(nameOf(c)));
        removeAll(containers.stream().filter(c -> !c.getLabels().containsKey(Labels.LEASE)).toList(), left);
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(filter)).exec()) {
            removeNetwork(n.getId());
        }
        for (Container c : containers) {
            if (c.getLabels().containsKey(Labels.LEASE)) {
                removeContainer(c, left);
            }
        }
    }

    /**
     * Removes {@code containers} up to {@link #REMOVING_AT_ONCE} at a time and returns once every removal has ended
     * (on the thread of {@link #withinDeadline}, which alone is interrupted or given up on). The first failure is
     * thrown after the others ended.
     */
    private void removeAll(List<Container> containers, Set<String> left) throws InterruptedException {
        if (containers.size() <= 1) {
            containers.forEach(c -> removeContainer(c, left));
            return;
        }
        ExecutorService removers = Executors.newFixedThreadPool(Math.min(containers.size(), REMOVING_AT_ONCE),
                daemon("faultline-remove"));
        RuntimeException failure = null;
        try {
            List<Future<Integer>> removals = new ArrayList<>();
            containers.forEach(c -> removals.add(removers.submit(() -> removeContainer(c, left))));
            for (Future<Integer> removal : removals) {
                try {
                    removal.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            removers.shutdown();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Removes a container and strikes it from {@code left}; 1 if this call removed it, 0 if it was gone or another
     * harness is removing it.
     */
    private int removeContainer(Container c, Set<String> left) {
        try {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            left.remove(nameOf(c));
            return 1;
        } catch (NotFoundException | ConflictException gone) {
            left.remove(nameOf(c));
            return 0; // already removed, or its removal is under way (another harness reaping the same run)
        }
    }

    /** A container's name without Docker's leading slash, else its short id. */
    private static String nameOf(Container c) {
        String[] names = c.getNames();
        if (names != null && names.length > 0 && names[0] != null) {
            return names[0].startsWith("/") ? names[0].substring(1) : names[0];
        }
        return c.getId().length() > 12 ? c.getId().substring(0, 12) : c.getId();
    }

    private void removeNetwork(String id) {
        try {
            docker.removeNetworkCmd(id).exec();
        } catch (DockerException e) {
            if (e.getHttpStatus() != 403 && e.getHttpStatus() != 404 && e.getHttpStatus() != 409) {
                throw e;
            }
            // already removed, or a container being removed by another harness still holds it: the next reap
        }
    }

    /** The engine's clock in epoch seconds, asked once and only when needed (a lease not yet started). */
    private final class EngineClock implements LongSupplier {
        private long epochSecond = Long.MIN_VALUE;

        @Override
        public long getAsLong() {
            if (epochSecond == Long.MIN_VALUE) {
                epochSecond = OffsetDateTime.parse(docker.infoCmd().exec().getSystemTime()).toEpochSecond();
            }
            return epochSecond;
        }
    }
}
