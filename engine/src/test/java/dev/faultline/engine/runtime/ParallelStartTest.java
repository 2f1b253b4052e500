package dev.faultline.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The starts of one level run at once, all or nothing. */
@Timeout(30)
class ParallelStartTest {

    @Test
    void everyStartOfALevelRunsAtOnce() {
        CyclicBarrier allRunning = new CyclicBarrier(3);
        Runnable awaitOthers = () -> {
            try {
                allRunning.await(5, TimeUnit.SECONDS); // only passes when the three run at the same time
            } catch (Exception e) {
                throw new IllegalStateException("the starts did not run at once: " + e, e);
            }
        };
        List<ParallelStart.Task> level = List.of(new ParallelStart.Task("rabbitmq", awaitOthers),
                new ParallelStart.Task("postgres", awaitOthers), new ParallelStart.Task("proxy-rabbitmq", awaitOthers));

        assertThatCode(() -> ParallelStart.all(level)).doesNotThrowAnyException();
    }

    @Test
    void startsStillWaitingAreAbandonedOnceTheEngineIsLost() {
        AtomicBoolean waitEnded = new AtomicBoolean();
        Runnable waitsForAHealthCheck = () -> {
            try {
                new CountDownLatch(1).await(); // a wait strategy that would only end at its timeout
            } catch (InterruptedException stopped) {
                waitEnded.set(true);
            }
        };
        String lost = "Docker engine lost: no answer from it for 10 s";
        AtomicBoolean engineLost = new AtomicBoolean();
        List<ParallelStart.Task> level = List.of(new ParallelStart.Task("orchestrator", waitsForAHealthCheck),
                new ParallelStart.Task("engine", () -> engineLost.set(true)));

        Throwable thrown = catchThrowable(() -> ParallelStart.all(level, Duration.ofSeconds(5),
                () -> engineLost.get() ? lost : null));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage(lost);
        assertThat(waitEnded).isTrue();
    }

    @Test
    void aFailedStartStopsTheOthersAndWaitsForThemBeforeItIsThrown() {
        IllegalStateException brokerFailed = new IllegalStateException("rabbitmq did not start");
        CountDownLatch storeStarting = new CountDownLatch(1);
        AtomicBoolean storeEnded = new AtomicBoolean();
        Runnable slowStore = () -> {
            storeStarting.countDown();
            try {
                new CountDownLatch(1).await(); // a start that only ends when interrupted
            } catch (InterruptedException stopped) {
                long end = System.nanoTime() + Duration.ofMillis(300).toNanos(); // ending takes a while, like a create
                while (System.nanoTime() < end) {
                    LockSupport.parkNanos(end - System.nanoTime());
                }
                storeEnded.set(true);
            }
        };
        Runnable failingBroker = () -> {
            try {
                storeStarting.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw brokerFailed;
        };

        Throwable thrown = catchThrowable(() -> ParallelStart.all(List.of(
                new ParallelStart.Task("postgres", slowStore), new ParallelStart.Task("rabbitmq", failingBroker)),
                Duration.ofSeconds(10)));

        assertThat(thrown).isSameAs(brokerFailed);
        assertThat(storeEnded).as("the other start had ended when the failure was thrown").isTrue();
    }
}
