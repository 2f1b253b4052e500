package dev.faultline.agents;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' defences against a slow or failing store (Resilience4j): a circuit breaker around every guarded store
 * call, and the workers' retry with exponential backoff and full jitter. The call timeout itself lives in
 * {@link Store} ({@code STORE_TIMEOUT}: the driver's login and network timeouts), so a call past it fails with
 * {@link StoreUnavailableException}, which the breaker counts.
 *
 * <p>The breaker ({@link #storeBreaker}) opens when, of the last 5 calls (at least 3), half failed with
 * {@link StoreUnavailableException}: unreachable, or slower than the timeout. No separate "slow call" rule: within the
 * timeout a call counts as a success, so a busy host's slower answers do not open it. Open, it rejects every call at
 * once ({@link CallNotPermittedException}, an HTTP 503) for {@link #OPEN_WAIT}; then 2 calls go through as probes
 * (half-open): both succeed, it closes; one fails, it opens again.
 */
final class Resilience {
    private static final Logger log = LoggerFactory.getLogger(Resilience.class);
    /** How long an open breaker rejects every call before letting probes through. */
    static final Duration OPEN_WAIT = Duration.ofSeconds(1);
    /** The first retry waits up to this long, each next up to twice as long as the one before, ... */
    static final Duration RETRY_BASE = Duration.ofMillis(200);
    /** ... but never more than this. */
    static final Duration RETRY_CAP = Duration.ofSeconds(2);
    /** Tries of one piece of store work, the first included: about 7.5 s of waiting on average, 13 s at most. */
    static final int STORE_ATTEMPTS = 10;

    private Resilience() {}

    /** Work against the store, as {@link Store#call} runs it. */
    @FunctionalInterface
    interface StoreCall<T> {
        T run() throws StoreUnavailableException, SQLException;
    }

    /** The store breaker of {@code config}: a pass-through with {@code BREAKERS=off} (or {@code SAFEGUARDS=off}). */
    static Guard storeGuard(String name, AgentConfig config) {
        return config.breakers()
                ? new Guard(Optional.of(storeBreaker(name, OPEN_WAIT)))
                : new Guard(Optional.empty());
    }

    /**
     * A breaker for store calls: opens at half of the last 5 calls (3 at least) failed with
     * {@link StoreUnavailableException} (a call past the timeout fails so); rejects all for {@code openWait}; closes
     * after 2 probes succeed. Every state change is logged.
     */
    static CircuitBreaker storeBreaker(String name, Duration openWait) {
        CircuitBreaker breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(5)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openWait)
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordExceptions(StoreUnavailableException.class)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> log.warn("{} circuit breaker: {} -> {}",
                name, e.getStateTransition().getFromState(), e.getStateTransition().getToState()));
        return breaker;
    }

    /**
     * Retries store work rejected by the breaker or failed with {@link StoreUnavailableException}, at most
     * {@link #STORE_ATTEMPTS} tries, waiting {@link #fullJitter} between them; gives up at once when interrupted.
     */
    static Retry storeRetry(String name) {
        return storeRetry(name, fullJitter(RETRY_BASE, RETRY_CAP, () -> ThreadLocalRandom.current().nextDouble()));
    }

    static Retry storeRetry(String name, IntervalFunction waits) {
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(STORE_ATTEMPTS)
                .intervalFunction(waits)
                .retryOnException(e -> (e instanceof StoreUnavailableException || e instanceof CallNotPermittedException)
                        && !Thread.currentThread().isInterrupted())
                .build());
    }

    /**
     * Exponential backoff with full jitter: before retry {@code n} (1, 2, ..) wait a uniformly drawn time between 0
     * and {@code min(cap, base * 2^(n-1))}. Replicas failing together spread their retries over the whole window
     * instead of arriving in waves; {@code random} draws from [0, 1).
     */
    static IntervalFunction fullJitter(Duration base, Duration cap, DoubleSupplier random) {
        long baseMs = base.toMillis();
        long capMs = cap.toMillis();
        return attempt -> {
            int doublings = Math.max(0, Math.min(attempt - 1, 30));
            long ceiling = Math.min(capMs, baseMs << doublings);
            return (long) (random.getAsDouble() * ceiling);
        };
    }

    /** Runs store calls through a circuit breaker, or straight through when there is none. */
    static final class Guard {
        private final Optional<CircuitBreaker> breaker;

        Guard(Optional<CircuitBreaker> breaker) {
            this.breaker = breaker;
        }

        /**
         * Runs {@code call}; with a breaker that is open, throws {@link CallNotPermittedException} without running
         * it, and otherwise records the outcome and how long it took.
         */
        <T> T call(StoreCall<T> call) throws StoreUnavailableException, SQLException {
            if (breaker.isEmpty()) {
                return call.run();
            }
            CircuitBreaker b = breaker.get();
            if (!b.tryAcquirePermission()) {
                throw CallNotPermittedException.createCallNotPermittedException(b);
            }
            long start = System.nanoTime();
            try {
                T result = call.run();
                b.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return result;
            } catch (StoreUnavailableException | SQLException | RuntimeException e) {
                b.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                throw e;
            }
        }

        /** The breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), or {@code off} without one. */
        String state() {
            return breaker.map(b -> b.getState().name()).orElse("off");
        }
    }
}
