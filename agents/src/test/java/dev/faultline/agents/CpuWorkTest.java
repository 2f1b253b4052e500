package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuWorkTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void aTaskSpendsItsBudgetInCpuTimeOfTheWorkingThread() throws Exception {
        CpuWork work = new CpuWork(Duration.ofMillis(50));
        long before = THREADS.getCurrentThreadCpuTime();

        work.spend("t-1");

        assertThat(THREADS.getCurrentThreadCpuTime() - before).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    }

    @Test
    void aZeroBudgetOnlyHashesTheTaskIdOnce() throws Exception {
        CpuWork work = new CpuWork(Duration.ZERO);

        byte[] result = work.spend("t-1");

        assertThat(result).isEqualTo(CpuWork.sha256().digest("t-1".getBytes()));
    }

    @Test
    void aWorkerShuttingDownStopsHashingAtOnce() {
        CpuWork work = new CpuWork(Duration.ofMinutes(1));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Thread.currentThread().interrupt(); // what the worker's shutdown does to a working thread
            assertThatThrownBy(() -> work.spend("t-1")).isInstanceOf(InterruptedException.class);
        });
    }
}
