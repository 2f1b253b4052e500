package dev.faultline.agents;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The retry policies of the agent: exponential backoff with jitter, so replicas do not retry in lockstep. */
final class Backoff {
    /** 200 ms doubling to 2 s, each wait randomized by ±50 %. */
    static final IntervalFunction RECONNECT =
            IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(2));

    /**
     * Broker reconnects: 200 ms doubling to 2 s, each wait then drawn from ±50 % of it. The cap comes before the
     * jitter, so waits stay jittered at the cap (1 s .. 3 s); {@link #RECONNECT} caps after it, so from its 5th
     * attempt on every replica waits exactly 2 s and replicas that once fell into step stay in step.
     */
    static final IntervalFunction BROKER_RECONNECT = attempt -> {
        long capped = Math.min(2000L, 200L << Math.min(Math.max(attempt, 1) - 1, 10));
        return Math.round(capped * (0.5 + ThreadLocalRandom.current().nextDouble()));
    };

    /**
     * Every 50 ms, no growth and no jitter: every replica hammers a recovering dependency in lockstep, the retry
     * storm of {@code RETRY_JITTER=off} (a negative control).
     */
    static final IntervalFunction STORM = IntervalFunction.of(Duration.ofMillis(50));

    private Backoff() {}

    /** Retries a connection attempt, waiting {@code interval} between attempts, until it succeeds or the thread is interrupted. */
    static Retry forever(String name, IntervalFunction interval) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(interval)
                .retryOnException(e -> !Thread.currentThread().isInterrupted())
                .build());
    }
}
