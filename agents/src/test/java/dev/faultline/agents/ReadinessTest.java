package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private final AtomicLong now = new AtomicLong(10_000);
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final Readiness.Check check = new Readiness.Check(reachable::get, now::get);

    @Test
    void aDependencyIsDownBeforeItsFirstCheck() {
        assertThat(check.up()).isFalse();
    }

    @Test
    void aSuccessfulRecentCheckMeansUp() {
        check.run();
        now.addAndGet(Readiness.STALE_AFTER_MS - 1);

        assertThat(check.up()).isTrue();
    }

    @Test
    void aFailedCheckMeansDown() {
        reachable.set(false);
        check.run();

        assertThat(check.up()).isFalse();
    }

    @Test
    void aCheckThatStopsFinishingTurnsDownOnceStale() {
        check.run();
        now.addAndGet(Readiness.STALE_AFTER_MS); // e.g. the next check hangs on a paused container

        assertThat(check.up()).isFalse();
    }

    @Test
    void aCheckThatThrowsMeansDown() {
        Readiness.Check throwing = new Readiness.Check(() -> {
            throw new IllegalStateException("boom");
        }, now::get);
        throwing.run();

        assertThat(throwing.up()).isFalse();
    }
}
