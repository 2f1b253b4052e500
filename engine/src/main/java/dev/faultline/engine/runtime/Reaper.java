package dev.faultline.engine.runtime;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

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

    private final DockerClient docker;

    public Reaper(DockerClient docker) {
        this.docker = docker;
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
        int removed = 0;
        for (Container c : containers) {
            if (!c.getLabels().containsKey(Labels.LEASE) && runIsOver(c.getLabels(), leases, engineNow)) {
                removed += removeContainer(c.getId());
            }
        }
        for (Network n : networks) {
            if (runIsOver(n.getLabels() == null ? Map.of() : n.getLabels(), leases, engineNow)) {
                removeNetwork(n.getId());
            }
        }
        for (Container c : containers) { // last, as a run's own teardown does
            if (c.getLabels().containsKey(Labels.LEASE) && runIsOver(c.getLabels(), leases, engineNow)) {
                removed += removeContainer(c.getId());
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
        String filter = Labels.RUN + "=" + runId;
        List<Container> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(filter))
                .exec();
        removeAll(containers.stream().filter(c -> !c.getLabels().containsKey(Labels.LEASE)).map(Container::getId)
                .toList());
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(filter)).exec()) {
            removeNetwork(n.getId());
        }
        for (Container c : containers) {
            if (c.getLabels().containsKey(Labels.LEASE)) {
                removeContainer(c.getId());
            }
        }
    }

    /**
     * Removes {@code ids} up to {@link #REMOVING_AT_ONCE} at a time and returns once every removal has ended, even
     * when interrupted (a Ctrl-C while the run is removed: it is the interrupt's own clean-up); the interrupt is kept.
     * The first failure is thrown after the others ended.
     */
    private void removeAll(List<String> ids) {
        if (ids.size() <= 1) {
            ids.forEach(this::removeContainer);
            return;
        }
        ExecutorService removers = Executors.newFixedThreadPool(Math.min(ids.size(), REMOVING_AT_ONCE), r -> {
            Thread t = new Thread(r, "faultline-remove");
            t.setDaemon(true);
            return t;
        });
        boolean interrupted = false;
        RuntimeException failure = null;
        try {
            List<Future<Integer>> removals = new ArrayList<>();
            ids.forEach(id -> removals.add(removers.submit(() -> removeContainer(id))));
            for (Future<Integer> removal : removals) {
                while (true) {
                    try {
                        removal.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        if (failure == null) {
                            failure = e.getCause() instanceof RuntimeException r ? r
                                    : new IllegalStateException(e.getCause());
                        }
                        break;
                    }
                }
            }
        } finally {
            removers.shutdown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Removes a container; 1 if this call removed it, 0 if it was gone or another harness is removing it. */
    private int removeContainer(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            return 1;
        } catch (NotFoundException | ConflictException gone) {
            return 0; // already removed, or its removal is under way (another harness reaping the same run)
        }
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
