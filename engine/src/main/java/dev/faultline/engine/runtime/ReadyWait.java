package dev.faultline.engine.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.rnorth.ducttape.ratelimits.RateLimiterBuilder;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

/**
 * How a starting container is waited for when it has an HTTP endpoint to ask: a 2xx from it, asked every
 * {@link #EVERY} by this container alone. Testcontainers' HTTP wait, left as it is, asks through one limiter for the
 * whole JVM (one request a second, whoever makes it), so the replicas and the fault proxies of a level, starting
 * together, shared one request a second and counted as up to two seconds after they served (measured: the
 * orchestrator 870 ms, the proxies 2.0 s; cli/bench/start/README.md).
 */
final class ReadyWait {
    /** As often as Testcontainers asks a container whether its ports listen. */
    static final Duration EVERY = Duration.ofMillis(100);
    /** One request: a server that has bound its port but does not answer yet is asked again. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    private ReadyWait() {
    }

    static WaitStrategy http(String path, int port, Duration timeout) {
        return Wait.forHttp(path).forPort(port)
                .forStatusCodeMatching(code -> code >= 200 && code < 300)
                .withReadTimeout(READ_TIMEOUT)
                .withRateLimiter(RateLimiterBuilder.newBuilder()
                        .withRate((int) (TimeUnit.SECONDS.toMillis(1) / EVERY.toMillis()), TimeUnit.SECONDS)
                        .withConstantThroughput().build())
                .withStartupTimeout(timeout);
    }
}
