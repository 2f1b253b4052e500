package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResultBuffersTest {
    private static final byte[] RESULT = CpuWork.sha256().digest(new byte[] {1, 2, 3});

    private ResultBuffers buffers;

    @AfterEach
    void close() {
        buffers.close();
    }

    private static long directMemoryUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }

    @Test
    void aSafeWorkerKeepsAtMostItsRingOfBuffersAndReusesTheOldestFirst() throws Exception {
        buffers = ResultBuffers.bounded(3);
        ByteBuffer first = buffers.keep(RESULT);
        buffers.keep(RESULT);
        buffers.keep(RESULT);

        ByteBuffer fourth = buffers.keep(RESULT);
        buffers.keep(RESULT);
        buffers.keep(RESULT);
        buffers.keep(RESULT);

        assertThat(buffers.held()).isEqualTo(3);
        assertThat(fourth).isSameAs(first);
    }

    @Test
    void anUnsafeWorkerKeepsEveryBuffer() throws Exception {
        buffers = ResultBuffers.unbounded();

        for (int i = 0; i < 5; i++) {
            buffers.keep(RESULT);
        }

        assertThat(buffers.held()).isEqualTo(5);
    }

    @Test
    void everyPageOfABufferIsWrittenSoItIsResident() throws Exception {
        buffers = ResultBuffers.bounded(1);

        ByteBuffer buffer = buffers.keep(RESULT);

        assertThat(buffer.capacity()).isEqualTo(ResultBuffers.SIZE);
        for (int page = 0; page < ResultBuffers.SIZE / ResultBuffers.PAGE; page++) {
            assertThat(buffer.get(page * ResultBuffers.PAGE)).as("first byte of page %d", page).isNotZero();
        }
    }

    @Test
    void resultBuffersAreNotCountedAgainstTheJvmsDirectMemoryLimit() throws Exception {
        buffers = ResultBuffers.unbounded();
        buffers.open();
        long before = directMemoryUsed();

        for (int i = 0; i < 8; i++) {
            buffers.keep(RESULT);
        }

        assertThat(directMemoryUsed() - before).isLessThan(ResultBuffers.SIZE);
    }
}
