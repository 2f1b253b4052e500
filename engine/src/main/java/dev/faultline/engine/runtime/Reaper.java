package dev.faultline.engine.runtime;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

/** Removes containers and networks of runs whose harness process is gone (killed, crashed, powered off). */
public final class Reaper {
    private final DockerClient docker;

    public Reaper(DockerClient docker) {
        this.docker = docker;
    }

    /** Removes leftovers of dead runs; returns how many containers were removed. */
    public int reapDeadRuns() {
        int removed = 0;
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Labels.RUN)).exec();
        for (Container c : containers) {
            if (Labels.ownerIsGone(c.getLabels())) {
                removeContainer(c.getId());
                removed++;
            }
        }
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(Labels.RUN)).exec()) {
            if (Labels.ownerIsGone(n.getLabels() == null ? Map.of() : n.getLabels())) {
                removeNetwork(n.getId());
            }
        }
        return removed;
    }

    /** Removes everything labelled with this run, whatever its state. */
    public void removeRun(String runId) {
        String filter = Labels.RUN + "=" + runId;
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(filter)).exec()) {
            removeContainer(c.getId());
        }
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(filter)).exec()) {
            removeNetwork(n.getId());
        }
    }

    private void removeContainer(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
            // already removed: nothing left to do
        }
    }

    private void removeNetwork(String id) {
        try {
            docker.removeNetworkCmd(id).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
            // already removed
        }
    }
}
