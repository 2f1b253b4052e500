package dev.faultline.agents;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/** The retry policies of the agent: exponential backoff with jitter, so replicas do not retry in lockstep. */
final class Backoff {
    /** 200 ms doubling to 2 s, each wait randomized by ±50 %. */
    static final IntervalFunction RECONNECT =
            IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(2));

    private Backoff() {}

    /** Retries a connection attempt until it succeeds or the thread is interrupted. */
    static Retry forever(String name) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(RECONNECT)
                .retryOnException(e -> !Thread.currentThread().isInterrupted())
                .build());
    }
}
