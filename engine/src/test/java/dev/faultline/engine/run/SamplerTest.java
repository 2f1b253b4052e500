package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.HealthCheck;
import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.RestartPolicy;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent.Sample;

/** After a scale-down, probes ask the replicas left, and a service left with none can never pass again. */
class SamplerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Lane PROBE = Lane.probe("workers-up");
    private final Timeline timeline = new Timeline();
    private HttpServer server;
    private Sampler sampler;

    @BeforeEach
    void startAnAgentThatIsAlwaysHealthy() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (sampler != null) {
            sampler.close();
        }
        server.stop(0);
    }

    private FakeTopology sampling(int replicas) {
        ServiceSpec worker = new ServiceSpec("worker", "faultline/agent", Role.AGENT, replicas, Map.of(),
                List.of(8080), new HealthCheck("/health", 8080), List.of(),
                new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, Duration.ZERO, RestartPolicy.Strategy.SCALE_DOWN),
                null);
        Topology topology = new Topology("t", Map.of("worker", worker), List.of());
        Probe probe = new Probe("workers-up", new Endpoint(Target.all("worker"), 8080, "/health"), 200,
                Duration.ofMillis(500));
        Scenario scenario = new Scenario("sampler-test", null, null, topology, 7, Duration.ofMillis(20),
                List.of(probe), null, List.of(), List.of(), List.of());
        FakeTopology fake = new FakeTopology(topology, server.getAddress().getPort());
        sampler = new Sampler(scenario, fake, timeline);
        return fake;
    }

    /** The newest sample of the probe sent after {@code afterMs}. */
    private Sample probeSampleAfter(long afterMs) throws InterruptedException {
        assertThat(Poll.until(() -> timeline.samples(PROBE).stream().anyMatch(s -> s.t() > afterMs), WAIT,
                Duration.ofMillis(10), () -> false)).isTrue();
        List<Sample> samples = timeline.samples(PROBE);
        return samples.get(samples.size() - 1);
    }

    /**
     * The first sample sent after {@code afterMs} that fails, or none within {@link #WAIT}. A sample sent just after
     * a death may still pass: its port was looked up just before it.
     */
    private Optional<Sample> failingProbeSampleAfter(long afterMs) throws InterruptedException {
        Predicate<Sample> failingAfter = s -> s.t() > afterMs && !s.ok();
        Poll.until(() -> timeline.samples(PROBE).stream().anyMatch(failingAfter), WAIT, Duration.ofMillis(10),
                () -> false);
        return timeline.samples(PROBE).stream().filter(failingAfter).findFirst();
    }

    @Test
    void aDeadReplicaFailsTheProbeUntilAScaleDownRetiresIt() throws InterruptedException {
        FakeTopology fake = sampling(2);
        sampler.start();

        fake.emit("worker-0", "die");
        long died = timeline.now();
        Optional<Sample> whileDead = failingProbeSampleAfter(died);
        fake.retire("worker-0");
        long retired = timeline.now();
        Sample afterRetire = probeSampleAfter(retired + 50);

        assertThat(whileDead).as("a sample fails while worker-0 is dead").isPresent();
        assertThat(whileDead.get().detail()).isEqualTo("worker-0: not running");
        assertThat(afterRetire.ok()).as("asks worker-1 only").isTrue();
        assertThat(sampler.allLanes()).as("worker-0's health is no longer sampled")
                .containsExactly(PROBE, Lane.health("worker-1"));
        assertThat(sampler.withoutReplicas()).isEmpty();
    }

    @Test
    void aServiceLeftWithoutReplicasFailsItsProbeAndCanNeverRecover() throws InterruptedException {
        FakeTopology fake = sampling(1);
        sampler.start();

        fake.emit("worker", "die");
        fake.retire("worker");
        long retired = timeline.now();
        Sample sample = probeSampleAfter(retired + 50);

        assertThat(sample.ok()).isFalse();
        assertThat(sample.detail()).isEqualTo("no replica of worker left (scaled down)");
        assertThat(sampler.withoutReplicas()).containsExactly(PROBE);
    }
}
