package dev.faultline.cli.bench;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import org.testcontainers.DockerClientFactory;

import dev.faultline.engine.runtime.Labels;

/**
 * The Docker daemon's own record of what happened to the runs' containers: every {@code pause}, {@code unpause},
 * {@code kill}, {@code die} and {@code start} of a container that carries a Faultline run label, with the daemon's
 * {@code timeNano} (epoch nanoseconds, the host's wall clock, taken by the daemon when the change was done). This is
 * the benchmark's own subscription, independent of the harness's: the harness stamps the events it receives with its
 * timeline clock at receipt, the benchmark keeps the daemon's time.
 */
final class DaemonEvents implements Closeable {
    /** One container change as the daemon reported it. */
    record Change(String runId, String instance, String action, long epochNanos) {
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Closeable stream;

    private DaemonEvents(DockerClient docker) {
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                if (event.getActor() == null || event.getActor().getAttributes() == null
                        || event.getTimeNano() == null) {
                    return;
                }
                String runId = event.getActor().getAttributes().get(Labels.RUN);
                String instance = event.getActor().getAttributes().get(Labels.INSTANCE);
                if (runId != null && instance != null) {
                    changes.add(new Change(runId, instance, event.getAction(), event.getTimeNano()));
                }
            }
        };
        this.stream = docker.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Labels.RUN)
                .withEventFilter("pause", "unpause", "kill", "die", "start")
                .exec(callback);
    }

    /** Subscribes now: only changes after this call are seen. */
    static DaemonEvents subscribe() {
        return new DaemonEvents(DockerClientFactory.instance().client());
    }

    /** The changes of one instance of one run, in the order the daemon sent them. */
    List<Change> of(String runId, String instance) {
        return changes.stream().filter(c -> c.runId().equals(runId) && c.instance().equals(instance)).toList();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
