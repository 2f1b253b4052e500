package dev.faultline.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;

/**
 * A Docker engine that stops answering does not hold the harness: removing a run gives up after the reaper's deadline
 * and names the containers left for a later run. The engine is a stand-in that answers the listing and then blocks
 * every removal named in {@link FakeEngine#hanging}.
 */
// a reaper without its deadline would wait for this engine forever, and so would an interrupt of the test thread
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReaperDeadlineTest {
    private static final Duration DEADLINE = Duration.ofMillis(300);
    private final CountDownLatch engineBack = new CountDownLatch(1);

    @AfterEach
    void releaseTheEngine() {
        engineBack.countDown(); // the reaper's abandoned threads end with the test
    }

    @Test
    void removingARunGivesUpAtTheDeadlineWhenTheEngineStopsAnsweringAndNamesWhatIsLeft() {
        FakeEngine engine = new FakeEngine(run("a", "shop-a-worker-1", "shop-a-worker-2", "shop-a-lease"),
                Set.of("shop-a-worker-2"));
        Reaper reaper = new Reaper(engine.client(), DEADLINE);

        long started = System.nanoTime();
        assertThatThrownBy(() -> reaper.removeRun("a")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Docker engine did not remove the containers of run a within 300ms;"
                        + " still there: shop-a-lease, shop-a-worker-2");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMs).as("given up at the deadline, not when the engine answers").isBetween(250L, 10_000L);
        assertThat(engine.removed).containsExactly("shop-a-worker-1");
    }

    @Test
    void anEngineThatAnswersHasTheRunRemovedItsLeaseLast() {
        FakeEngine engine = new FakeEngine(run("a", "shop-a-worker-1", "shop-a-worker-2", "shop-a-lease"), Set.of());

        new Reaper(engine.client(), DEADLINE).removeRun("a");

        assertThat(engine.removed).containsExactlyInAnyOrder("shop-a-worker-1", "shop-a-worker-2", "shop-a-lease");
        assertThat(engine.removed.get(2)).isEqualTo("shop-a-lease");
    }

    @Test
    void anInterruptWhileTheRunIsRemovedDoesNotCutTheRemovalShortAndIsKept() throws InterruptedException {
        FakeEngine engine = new FakeEngine(run("a", "shop-a-worker-1", "shop-a-lease"), Set.of("shop-a-worker-1"));
        Throwable[] thrown = new Throwable[1];
        boolean[] interruptKept = new boolean[1];
        Thread remover = new Thread(() -> {
            try {
                new Reaper(engine.client(), Duration.ofSeconds(30)).removeRun("a");
            } catch (Throwable t) {
                thrown[0] = t;
            }
            interruptKept[0] = Thread.currentThread().isInterrupted();
        });
        remover.start();
        assertThat(engine.removalUnderWay.await(30, TimeUnit.SECONDS)).isTrue();
        remover.interrupt(); // a Ctrl-C while the run is removed
        engineBack.countDown();
        remover.join(30_000);

        assertThat(thrown[0]).isNull();
        assertThat(engine.removed).containsExactly("shop-a-worker-1", "shop-a-lease");
        assertThat(interruptKept[0]).isTrue();
    }

    /** The containers of one run, the last of {@code names} its lease, as the engine lists them. */
    private static List<Container> run(String runId, String... names) {
        ObjectMapper json = new ObjectMapper();
        List<Container> containers = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Map<String, String> labels = new HashMap<>(Labels.forRun(runId));
            labels.put(Labels.OWNED_BY, "lease");
            if (i == names.length - 1) {
                labels.put(Labels.LEASE, "true");
            }
            Map<String, Object> fields = Map.of("Id", names[i], "Names", List.of("/" + names[i]), "Labels", labels,
                    "State", "running", "Created", 1_800_000_000L);
            containers.add(json.convertValue(fields, Container.class));
        }
        return containers;
    }

    /** A Docker client whose every command is answered here: lists, removals (some never answered), nothing else. */
    private final class FakeEngine {
        final List<String> removed = Collections.synchronizedList(new ArrayList<>());
        private final List<Container> containers;
        private final Set<String> hanging;
        final CountDownLatch removalUnderWay = new CountDownLatch(1);

        FakeEngine(List<Container> containers, Set<String> hanging) {
            this.containers = containers;
            this.hanging = hanging;
        }

        DockerClient client() {
            return (DockerClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DockerClient.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "listContainersCmd" -> FakeDockerCommand.of(method.getReturnType(), () -> containers);
                        case "listNetworksCmd" -> FakeDockerCommand.of(method.getReturnType(), List::of);
                        case "removeContainerCmd" -> FakeDockerCommand.of(method.getReturnType(),
                                () -> remove((String) args[0]));
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Void remove(String id) throws InterruptedException {
            removalUnderWay.countDown();
            if (hanging.contains(id)) {
                engineBack.await();
            }
            removed.add(id);
            return null;
        }
    }
}
