package dev.faultline.agents;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The negative control's publisher ({@code SAFEGUARDS=off}): tasks wait in memory after their 202, are published as
 * transient messages without confirms, and are dropped when the broker is unreachable. A crash loses the in-memory
 * backlog; a broker restart loses transient messages.
 *
 * <p>It takes what waits in a batch (up to {@link #BATCH}) and hands the published ones to its bookkeeping at once:
 * the unsafe store opens a connection per call, and a call per task held it to about 10 tasks a second on a busy
 * host, half the controls' load (worker-crash-unsafe: 41 tasks still unpublished after a 30 s drain, all done 3 s
 * after it; counted lost). A control must lose work to its missing safeguards, not by falling behind.
 */
final class UnsafePublisher implements AutoCloseable {
    static final int BATCH = 200;

    private final Broker broker;
    private final Optional<TaskDeadline> deadline;
    private final Consumer<List<TaskRequest>> bookkeeping;
    private final BlockingQueue<TaskRequest> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unsent = new AtomicLong();
    private Channel channel; // publisher thread only

    UnsafePublisher(Broker broker, Optional<TaskDeadline> deadline, Consumer<List<TaskRequest>> bookkeeping) {
        this.broker = broker;
        this.deadline = deadline;
        this.bookkeeping = bookkeeping;
        this.thread = new Thread(this::loop, "unsafe-publisher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void submit(TaskRequest task) {
        unsent.incrementAndGet();
        pending.add(task);
    }

    /** Tasks accepted and neither published nor dropped yet: waiting in memory, or being published. */
    long backlog() {
        return unsent.get();
    }

    long published() {
        return published.get();
    }

    long dropped() {
        return dropped.get();
    }

    private void loop() {
        List<TaskRequest> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(pending.take());
                pending.drainTo(batch, BATCH - 1);
                try {
                    List<TaskRequest> sent = new ArrayList<>(batch.size());
                    for (TaskRequest task : batch) {
                        if (publish(task)) {
                            published.incrementAndGet();
                            sent.add(task);
                        } else {
                            dropped.incrementAndGet();
                        }
                    }
                    if (!sent.isEmpty()) {
                        bookkeeping.accept(sent);
                    }
                } finally {
                    unsent.addAndGet(-batch.size());
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean publish(TaskRequest task) {
        try {
            Connection c = broker.current();
            if (c == null) {
                return false;
            }
            if (channel == null || !channel.isOpen() || channel.getConnection() != c) {
                channel = c.createChannel();
            }
            AMQP.BasicProperties properties = TaskMessage.unstamped(task.id());
            if (deadline.isPresent()) {
                properties = deadline.get().stamp(properties, System.currentTimeMillis());
            }
            channel.basicPublish("", broker.queue(), properties, TaskMessage.body(task.id(), task.payloadJson()));
            return true;
        } catch (IOException | RuntimeException e) {
            Broker.abortQuietly(channel);
            channel = null;
            return false;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        Broker.abortQuietly(channel);
    }
}
