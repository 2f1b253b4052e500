package dev.faultline.agents;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes tasks from the broker, works on each for {@code WORK_TIME} and records its completion in the store.
 *
 * <p>Safe: manual acks, at most {@code PREFETCH} unacked messages, each worked on in its own thread; a completion is
 * recorded idempotently ({@code ON CONFLICT DO NOTHING} on a unique task id) and acked only after the commit. If the
 * store stays unreachable the message is requeued, never dropped. Unsafe: auto-ack (the broker forgets a message as
 * soon as it is sent, and sends without limit), no idempotency, errors drop the task.
 */
final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final long ENSURE_CONSUMING_MS = 250;

  private final AgentConfig config;
  private final Store store;
  private final Broker broker;
  private final String insert;
  private final ThreadPoolExecutor work;
  private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "consumer-supervisor");
    t.setDaemon(true);
    return t;
  });
  private final Retry recordRetry = Backoff.storeWork("record-completion");
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong redelivered = new AtomicLong();
  private final AtomicLong alreadyCompleted = new AtomicLong();
  private final AtomicLong requeued = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile Channel channel;
  private volatile String consumerTag;
  private volatile boolean closing;

  Worker(AgentConfig config, Store store, Broker broker) {
    this.config = config;
    this.store = store;
    this.broker = broker;
    this.insert = config.safeguards()
        ? "INSERT INTO " + Schema.COMPLETIONS + " (task_id, worker) VALUES (?, ?) ON CONFLICT (task_id) DO NOTHING"
        : "INSERT INTO " + Schema.COMPLETIONS_UNSAFE + " (task_id, worker) VALUES (?, ?)";
    recordRetry.getEventPublisher().onRetry(e -> {
      if (e.getNumberOfRetryAttempts() == 1) {
        log.warn("store unreachable while recording a completion; retrying with backoff: {}",
            e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage());
      }
    });
    AtomicInteger n = new AtomicInteger();
    this.work = new ThreadPoolExecutor(config.prefetch(), config.prefetch(), 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> new Thread(r, "work-" + n.incrementAndGet()));
  }

  void register(HttpApi api) {
    api.inline("GET", "/state", request -> HttpApi.Response.ok(state()));
  }

  void start() {
    supervisor.scheduleWithFixedDelay(this::ensureConsuming, 0, ENSURE_CONSUMING_MS, TimeUnit.MILLISECONDS);
  }

  boolean consuming() {
    Channel ch = channel;
    return ch != null && ch.isOpen();
  }

  Map<String, Object> state() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("role", Role.WORKER.id());
    json.put("worker", config.workerId());
    json.put("safeguards", config.safeguards() ? "on" : "off");
    json.put("consuming", consuming());
    json.put("delivered", delivered.get());
    json.put("processed", processed.get());
    json.put("acked", acked.get());
    json.put("redelivered", redelivered.get());
    json.put("alreadyCompleted", alreadyCompleted.get());
    json.put("requeued", requeued.get());
    json.put("rejected", rejected.get());
    json.put("dropped", dropped.get());
    json.put("inFlight", inFlight.get());
    json.put("brokerConnects", broker.connects());
    return json;
  }

  /** Starts consuming whenever the broker is reachable and no consumer is active; runs every 250 ms. */
  private void ensureConsuming() {
    if (closing || consuming()) {
      return;
    }
    Connection c = broker.current();
    if (c == null) {
      return;
    }
    Channel ch = null;
    try {
      ch = c.createChannel();
      broker.declareQueue(ch);
      boolean autoAck = !config.safeguards();
      ch.basicQos(autoAck ? 0 : config.prefetch());
      channel = ch;
      consumerTag = ch.basicConsume(broker.queue(), autoAck, new TaskConsumer(ch));
      log.info("consuming {} (prefetch {}, {})", broker.queue(), config.prefetch(),
          autoAck ? "auto-ack: UNSAFE" : "ack after commit");
    } catch (IOException | RuntimeException e) {
      log.warn("cannot start consuming {}: {}", broker.queue(), e.toString());
      Broker.abortQuietly(ch);
      channel = null;
    }
  }

  private final class TaskConsumer extends DefaultConsumer {
    TaskConsumer(Channel channel) {
      super(channel);
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
      delivered.incrementAndGet();
      if (envelope.isRedeliver()) {
        redelivered.incrementAndGet();
      }
      if (!config.safeguards()) {
        acked.incrementAndGet(); // auto-ack: the broker counted it as done the moment it sent it
      }
      inFlight.incrementAndGet();
      Channel ch = getChannel();
      try {
        work.execute(() -> {
          try {
            process(ch, envelope.getDeliveryTag(), TaskMessage.taskId(properties, body));
          } finally {
            inFlight.decrementAndGet();
          }
        });
      } catch (RejectedExecutionException e) {
        inFlight.decrementAndGet(); // shutting down: left unacked, the broker requeues it when the channel closes
      }
    }
  }

  private void process(Channel ch, long deliveryTag, Optional<String> taskId) {
    if (taskId.isEmpty()) {
      log.error("a message without a task id (delivery {}); rejecting it", deliveryTag);
      rejected.incrementAndGet();
      if (config.safeguards()) {
        settle(ch, deliveryTag, Settle.REJECT);
      }
      return;
    }
    String id = taskId.get();
    try {
      Thread.sleep(config.workTime().toMillis()); // the work itself: the sleep is the point
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // shutting down: left unacked, requeued when the channel closes
    }
    if (!config.safeguards()) {
      recordUnsafely(id);
      return;
    }
    try {
      int inserted = recordRetry.executeCallable(() -> store.call(c -> {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
          ps.setString(1, id);
          ps.setString(2, config.workerId());
          return ps.executeUpdate();
        }
      }));
      processed.incrementAndGet();
      if (inserted == 0) {
        alreadyCompleted.incrementAndGet();
      }
      settle(ch, deliveryTag, Settle.ACK);
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        return; // shutting down: left unacked, requeued when the channel closes
      }
      log.warn("cannot record task {}, requeueing it: {}", id, e.getMessage());
      settle(ch, deliveryTag, Settle.REQUEUE);
    }
  }

  private void recordUnsafely(String id) {
    try {
      store.call(c -> {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
          ps.setString(1, id);
          ps.setString(2, config.workerId());
          return ps.executeUpdate();
        }
      });
      processed.incrementAndGet();
    } catch (Exception e) {
      dropped.incrementAndGet(); // unsafe by design: the task is lost
    }
  }

  private enum Settle { ACK, REQUEUE, REJECT }

  private void settle(Channel ch, long deliveryTag, Settle how) {
    try {
      synchronized (ch) {
        switch (how) {
          case ACK:
            ch.basicAck(deliveryTag, false);
            acked.incrementAndGet();
            break;
          case REQUEUE:
            ch.basicNack(deliveryTag, false, true);
            requeued.incrementAndGet();
            break;
          default:
            ch.basicReject(deliveryTag, false);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The channel died with the connection: the broker redelivers the message, and the idempotent insert
      // makes the second completion a no-op.
      log.debug("cannot {} delivery {}: {}", how, deliveryTag, e.toString());
    }
  }

  @Override
  public void close() {
    closing = true;
    supervisor.shutdownNow();
    Channel ch = channel;
    if (ch != null && ch.isOpen() && consumerTag != null) {
      try {
        ch.basicCancel(consumerTag);
      } catch (IOException | RuntimeException e) {
        log.debug("cannot cancel the consumer: {}", e.toString());
      }
    }
    work.shutdown();
    long graceMs = Math.min(config.workTime().toMillis() + 3000, 8000);
    try {
      if (!work.awaitTermination(graceMs, TimeUnit.MILLISECONDS)) {
        log.warn("{} tasks still in flight after {} ms; leaving them to be requeued", inFlight.get(), graceMs);
        work.shutdownNow();
      }
    } catch (InterruptedException e) {
      work.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (ch != null) {
      try {
        ch.close(); // unacked messages go back to the queue
      } catch (IOException | RuntimeException | TimeoutException e) {
        Broker.abortQuietly(ch);
      }
    }
  }
}
