package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Endpoint;
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

/**
 * Extra probe samples ({@code steady-state.sharpen}) go out around a fault's action and while a probe fails fast,
 * stop when nothing may be changing, never pile up on a frozen service, and never go out when switched off.
 */
class SharpeningTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration EVERY = Duration.ofMillis(100);
    private static final Duration WITHIN = Duration.ofMillis(200);
    private static final Lane PROBE = Lane.probe("agent-up");

    private final Timeline timeline = new Timeline();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger received = new AtomicInteger();
    private volatile CountDownLatch frozen = new CountDownLatch(0);
    private HttpServer server;
    private Sampler sampler;

    @BeforeEach
    void startAnAgent() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            try {
                frozen.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        frozen.countDown();
        if (sampler != null) {
            sampler.close();
        }
        server.stop(0);
    }

    private void sampling(Duration sharpen) {
        ServiceSpec agent = new ServiceSpec("agent", "faultline/agent", Role.AGENT, 1, Map.of(), List.of(8080), null,
                List.of(), new RestartPolicy(RestartPolicy.Policy.NO, Duration.ZERO, RestartPolicy.Strategy.RESTART),
                null);
        Topology topology = new Topology("t", Map.of("agent", agent), List.of());
        Probe probe = new Probe("agent-up", new Endpoint(Target.all("agent"), 8080, "/health"), 200, WITHIN);
        Scenario scenario = new Scenario("sharpen-test", null, null, topology, 7, EVERY, List.of(probe), null,
                List.of(), List.of(), List.of(), sharpen);
        sampler = new Sampler(scenario, new FakeTopology(topology, server.getAddress().getPort()), timeline);
        sampler.start();
    }

    private List<Sample> extras() {
        return timeline.samples(PROBE).stream().filter(Sample::extra).toList();
    }

    private List<Sample> regular() {
        return timeline.samples(PROBE).stream().filter(s -> !s.extra()).toList();
    }

    /** Waits until {@code n} more regular samples were taken than now: time passes at the sampler's own pace. */
    private void awaitRegularSamples(int n) throws InterruptedException {
        int target = regular().size() + n;
        assertThat(Poll.until(() -> regular().size() >= target, WAIT, Duration.ofMillis(5), () -> false)).isTrue();
    }

    @Test
    void aSteadyServiceGetsOnlyTheRegularSamples() throws InterruptedException {
        sampling(Scenario.DEFAULT_SHARPEN);

        awaitRegularSamples(8);

        assertThat(extras()).isEmpty();
    }

    @Test
    void aFaultActionBringsExtraSamplesEveryFewMillisecondsForAWhile() throws InterruptedException {
        sampling(Scenario.DEFAULT_SHARPEN);
        awaitRegularSamples(2);

        sampler.sharpen();
        assertThat(Poll.until(() -> extras().size() >= 20, WAIT, Duration.ofMillis(5), () -> false)).isTrue();
        awaitRegularSamples(8); // the burst lasts within + 2 x sample-every (400ms): long over after 800ms
        int afterTheBurst = extras().size();
        awaitRegularSamples(3);

        assertThat(extras()).hasSize(afterTheBurst).allMatch(Sample::ok);
        List<Sample> burst = extras().subList(0, 20);
        long spanMs = burst.get(burst.size() - 1).t() - burst.get(0).t();
        assertThat(spanMs).as("20 extra samples 2ms apart").isLessThan(EVERY.toMillis() * 2);
    }

    @Test
    void aProbeFailingFastKeepsExtraSamplesGoingUntilItPassesAgain() throws InterruptedException {
        sampling(Scenario.DEFAULT_SHARPEN);
        awaitRegularSamples(2);

        status.set(503);
        assertThat(Poll.until(() -> extras().size() >= 5, WAIT, Duration.ofMillis(5), () -> false))
                .as("a fast failure starts extra samples").isTrue();
        awaitRegularSamples(8); // far beyond one burst: the failures themselves keep it going
        int beforeTheReturn = extras().size();
        assertThat(Poll.until(() -> extras().size() >= beforeTheReturn + 10, WAIT, Duration.ofMillis(5),
                () -> false)).as("still sampling extra while failing").isTrue();
        assertThat(extras()).allMatch(s -> !s.ok() && s.status() == 503);

        status.set(200);
        awaitRegularSamples(6);
        int afterTheReturn = extras().size();
        awaitRegularSamples(3);

        assertThat(extras()).hasSize(afterTheReturn);
        Sample firstPass = timeline.samples(PROBE).stream().filter(Sample::ok)
                .filter(s -> s.t() > extras().get(beforeTheReturn).t()).findFirst().orElseThrow();
        Sample lastFailure = timeline.samples(PROBE).stream().filter(s -> !s.ok()).reduce((a, b) -> b).orElseThrow();
        assertThat(firstPass.t() - lastFailure.t()).as("the return is seen between two samples a few ms apart")
                .isLessThan(EVERY.toMillis() / 2);
    }

    @Test
    void aFrozenServiceGetsAFewExtraRequestsNotHundreds() throws InterruptedException {
        sampling(Scenario.DEFAULT_SHARPEN);
        awaitRegularSamples(2);

        frozen = new CountDownLatch(1);
        int before = received.get();
        sampler.sharpen();
        awaitRegularSamples(4); // 400ms frozen: 200 extra samples at 2ms if nothing held them back
        int requests = received.get() - before;
        frozen.countDown();

        // 4 regular, and at most MAX_EXTRA_OUTSTANDING extra unanswered at a time, each given up after within
        // (200ms): 2 rounds
        assertThat(requests).isLessThanOrEqualTo(4 + 2 * Sampler.MAX_EXTRA_OUTSTANDING + 4);
        assertThat(Poll.until(() -> extras().stream().anyMatch(s -> !s.ok() && s.status() == 0), WAIT,
                Duration.ofMillis(5), () -> false)).as("a request given up has no status").isTrue();
    }

    @Test
    void switchedOffNoExtraSampleGoesOut() throws InterruptedException {
        sampling(Duration.ZERO);
        awaitRegularSamples(2);

        sampler.sharpen();
        status.set(503);
        awaitRegularSamples(6);

        assertThat(extras()).isEmpty();
        assertThat(regular()).anyMatch(s -> !s.ok());
    }
}
