package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Endpoint;
import dev.faultline.engine.model.Probe;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.Scenario;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Target;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.Timeline;
import dev.faultline.engine.timeline.TimelineEvent.Sample;

/**
 * The recovery watch ({@link Sampler#awaitPassingSince}) counts what already passed: a stretch that has lasted long
 * enough ends it as soon as the requests already sent are answered; a recent failure, or a later start, makes it wait
 * for the rest.
 */
class RecoveryWatchTest {
    private static final Duration EVERY = Duration.ofMillis(50);
    private static final Duration WITHIN = Duration.ofMillis(100);
    private static final Duration SPAN = Duration.ofMillis(400);
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Lane PROBE = Lane.probe("api");

    private final Timeline timeline = new Timeline();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;
    private Sampler sampler;

    @BeforeEach
    void startAndSampleAnAgent() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        ServiceSpec agent = new ServiceSpec("agent", "faultline/agent", Role.AGENT, 1, Map.of(), List.of(8080), null,
                List.of(), null, null);
        Topology topology = new Topology("t", Map.of("agent", agent), List.of());
        Probe probe = new Probe("api", new Endpoint(Target.all("agent"), 8080, "/ready"), 200, WITHIN);
        Scenario scenario = new Scenario("watch-test", null, null, topology, 7, EVERY, List.of(probe), null,
                List.of(), List.of(), List.of(), Duration.ZERO);
        sampler = new Sampler(scenario, new FakeTopology(topology, server.getAddress().getPort()), timeline);
        sampler.start();
    }

    @AfterEach
    void stop() {
        sampler.close();
        server.stop(0);
    }

    /** Waits until the probe has {@code n} more samples with this outcome than now. */
    private void awaitSamples(int n, boolean ok) throws InterruptedException {
        long target = samples(ok) + n;
        assertThat(Poll.until(() -> samples(ok) >= target, LIMIT, Duration.ofMillis(5), () -> false)).isTrue();
    }

    private long samples(boolean ok) {
        return timeline.samples(PROBE).stream().filter(s -> s.ok() == ok).count();
    }

    @Test
    void aStretchThatHasPassedLongEnoughAlreadyEndsTheWatchOnceWhatWasSentIsAnswered() throws InterruptedException {
        awaitSamples(2 * (int) (SPAN.toMillis() / EVERY.toMillis()), true); // twice the span, passing

        long asked = timeline.now();
        assertThat(sampler.awaitPassingSince(-1, SPAN, LIMIT, () -> false)).isTrue();

        assertThat(timeline.now() - asked).as("ms waited")
                .isGreaterThanOrEqualTo(WITHIN.plus(EVERY).toMillis()) // a request sent just before has its answer
                .isLessThan(SPAN.toMillis() - EVERY.toMillis()); // not a whole span again
    }

    @Test
    void aRecentFailureIsWaitedOutFromItsRequestPlusASampleAndItsWithin() throws InterruptedException {
        awaitSamples(3, true);
        status.set(503);
        awaitSamples(2, false);
        status.set(200);

        assertThat(sampler.awaitPassingSince(-1, SPAN, LIMIT, () -> false)).isTrue();

        long ended = timeline.now();
        long lastFailure = timeline.samples(PROBE).stream().filter(s -> !s.ok()).mapToLong(Sample::t).max()
                .orElseThrow();
        assertThat(ended - lastFailure).isGreaterThanOrEqualTo(SPAN.plus(EVERY).plus(WITHIN).toMillis());
    }

    @Test
    void aStretchCountsOnlyFromTheMomentGivenWhenThatIsLater() throws InterruptedException {
        awaitSamples(2 * (int) (SPAN.toMillis() / EVERY.toMillis()), true);
        long since = timeline.now();

        assertThat(sampler.awaitPassingSince(since, SPAN, LIMIT, () -> false)).isTrue();

        assertThat(timeline.now() - since).isGreaterThanOrEqualTo(SPAN.toMillis());
    }

    @Test
    void aProbeThatStillFailsIsNotStable() throws InterruptedException {
        status.set(503);
        awaitSamples(2, false);

        assertThat(sampler.awaitPassingSince(-1, SPAN, Duration.ofMillis(600), () -> false)).isFalse();
    }
}
