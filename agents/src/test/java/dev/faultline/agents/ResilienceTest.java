package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResilienceTest {
    private static StoreUnavailableException timedOut() {
        return new StoreUnavailableException("store unreachable: Read timed out", null);
    }

    @Test
    void fullJitterDrawsEachWaitBetweenZeroAndTheDoublingBoundCappedAtTwoSeconds() {
        Random random = new Random(14);
        IntervalFunction waits = Resilience.fullJitter(Resilience.RETRY_BASE, Resilience.RETRY_CAP, random::nextDouble);
        long[] bounds = {200, 400, 800, 1600, 2000, 2000, 2000, 2000, 2000};

        for (int attempt = 1; attempt <= bounds.length; attempt++) {
            for (int draw = 0; draw < 200; draw++) {
                assertThat(waits.apply(attempt)).as("wait before retry %d", attempt).isBetween(0L, bounds[attempt - 1]);
            }
        }
    }

    @Test
    void fullJitterSpreadsTheWaitsOverTheWholeWindowNotAroundItsMiddle() {
        Random random = new Random(14);
        IntervalFunction waits = Resilience.fullJitter(Resilience.RETRY_BASE, Resilience.RETRY_CAP, random::nextDouble);
        List<Long> fifth = new ArrayList<>();
        for (int draw = 0; draw < 1000; draw++) {
            fifth.add(waits.apply(5));
        }

        // ±50 % jitter would keep every wait between 1 s and 3 s; full jitter reaches both ends of [0, 2 s)
        assertThat(fifth).anySatisfy(w -> assertThat(w).isLessThan(100L));
        assertThat(fifth).anySatisfy(w -> assertThat(w).isGreaterThan(1900L));
    }

    @Test
    void theBreakerOpensAfterThreeTimedOutCallsAndThenRejectsWithoutAskingTheStore() {
        Resilience.Guard guard =
                new Resilience.Guard(Optional.of(Resilience.storeBreaker("test", Duration.ofMinutes(1))));
        AtomicInteger asked = new AtomicInteger();
        Resilience.StoreCall<Integer> failing = () -> {
            asked.incrementAndGet();
            throw timedOut();
        };

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guard.call(failing)).isInstanceOf(StoreUnavailableException.class);
        }
        assertThatThrownBy(() -> guard.call(failing)).isInstanceOf(CallNotPermittedException.class);

        assertThat(asked).hasValue(3);
        assertThat(guard.state()).isEqualTo("OPEN");
    }

    @Test
    void slowCallsWithinTheTimeoutDoNotOpenTheBreaker() {
        CircuitBreaker breaker = Resilience.storeBreaker("test", Duration.ofMinutes(1));

        for (int i = 0; i < 5; i++) {
            assertThat(breaker.tryAcquirePermission()).isTrue();
            breaker.onSuccess(450, TimeUnit.MILLISECONDS); // a busy host's slow answer, still within a 500 ms timeout
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void twoSuccessfulProbesCloseTheBreakerOnceTheStoreIsBack() throws Exception {
        Resilience.Guard guard =
                new Resilience.Guard(Optional.of(Resilience.storeBreaker("test", Duration.ofMillis(50))));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guard.call(() -> {
                throw timedOut();
            })).isInstanceOf(StoreUnavailableException.class);
        }
        assertThat(guard.state()).isEqualTo("OPEN");

        await().atMost(Duration.ofSeconds(5)).ignoreException(CallNotPermittedException.class)
                .until(() -> guard.call(() -> 1) == 1); // the first probe, once the open wait is over
        assertThat(guard.state()).isEqualTo("HALF_OPEN");
        guard.call(() -> 1);

        assertThat(guard.state()).isEqualTo("CLOSED");
    }

    @Test
    void withoutABreakerEveryCallAsksTheStore() {
        Resilience.Guard guard = new Resilience.Guard(Optional.empty());
        AtomicInteger asked = new AtomicInteger();

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guard.call(() -> {
                asked.incrementAndGet();
                throw timedOut();
            })).isInstanceOf(StoreUnavailableException.class);
        }

        assertThat(asked).hasValue(10);
        assertThat(guard.state()).isEqualTo("off");
    }

    @Test
    void retriesGoThroughTheBreakerSoAnOpenOneStopsThemReachingTheStore() {
        Resilience.Guard guard =
                new Resilience.Guard(Optional.of(Resilience.storeBreaker("test", Duration.ofMinutes(1))));
        Retry retry = Resilience.storeRetry("test", attempt -> 1L);
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();

        assertThatThrownBy(() -> retry.executeCallable(() -> {
            tries.incrementAndGet();
            return guard.call(() -> {
                asked.incrementAndGet();
                throw timedOut();
            });
        })).isInstanceOf(CallNotPermittedException.class);

        assertThat(tries).as("a rejection is retried too").hasValue(Resilience.STORE_ATTEMPTS);
        assertThat(asked).as("store calls of %d tries", Resilience.STORE_ATTEMPTS).hasValue(3);
    }

    @Test
    void aRetryThatSucceedsAfterTheStoreComesBackReturnsItsResult() throws Exception {
        Retry retry = Resilience.storeRetry("test", attempt -> 1L);
        AtomicInteger asked = new AtomicInteger();

        int result = retry.executeCallable(() -> {
            if (asked.incrementAndGet() < 3) {
                throw timedOut();
            }
            return 7;
        });

        assertThat(result).isEqualTo(7);
        assertThat(asked).hasValue(3);
    }
}
