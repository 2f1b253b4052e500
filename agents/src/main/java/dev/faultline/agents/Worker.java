package dev.faultline.agents;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes tasks from the broker, works on each ({@code WORK_TIME} asleep, {@code WORK_CPU} hashing, a result buffer
 * kept), writes a checkpoint if {@code CHECKPOINT_DIR} is set, and records its completion in the store.
 *
 * <p>Safe: manual acks, at most {@code PREFETCH} unacked messages, each worked on in its own thread; a completion is
 * recorded idempotently ({@code ON CONFLICT DO NOTHING} on a unique task id; not with {@code IDEMPOTENT=off}) and
 * acked only after the commit. If the store stays unreachable the message is requeued, never dropped. Every delivery
 * is checked first ({@link Intake}): one corrupted in transit is sent back, one corrupt at the source rejected (so
 * dead-lettered; {@code DEAD_LETTER=off}: sent back for ever), and a delivery tag out of sequence (its frame was
 * corrupted, so it cannot be settled) closes the channel, which gives everything unacked back to the broker. With
 * {@code DEADLINE_CLOCK=wall} a task whose {@code x-deadline} has passed by this worker's clock is rejected. Unsafe: auto-ack (the broker
 * forgets a message as soon as it is sent, and sends without limit), no checks, no idempotency, errors drop the task.
 *
 * <p>With {@code CHECKPOINT_STORE=on} the worker also keeps a tally of its completions, checkpointed in the store and
 * restored before it consumes ({@link StoreCheckpoints}). With {@code ACCOUNTS_HOST} it books every completion in a
 * second store too, both records committed as one by two-phase commit ({@link TwoPhaseCommit}; {@code TWO_PHASE=off}:
 * one after the other).
 *
 * <p><b>Giving up</b>: an unsafe worker's task was acked on delivery, so whatever fails after that (recording the
 * completion, writing the checkpoint, keeping the result) loses it for good ({@code gaveUp}). A safe worker retries
 * the record and then sends the task back; a failed checkpoint ({@code checkpointFailures}, logged once per burst) or
 * result buffer does not stop the task from completing: both are optimisations.
 */
final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final long ENSURE_CONSUMING_MS = 250;
    /** With {@code DEAD_LETTER=off}, one log line per this many poison messages sent back again. */
    private static final long POISON_LOG_EVERY = 1000;

    private final AgentConfig config;
    private final Store store;
    private final Broker broker;
    private final String completions;
    private final String insert;
    private final LongSupplier wallClock; // DEADLINE_CLOCK=wall only
    private final ThreadPoolExecutor work;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "consumer-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final Retry recordRetry = Resilience.storeRetry("record-completion");
    private final Resilience.Guard storeBreaker;
    private final Intake intake;
    private final CpuWork cpuWork;
    private final Optional<ResultBuffers> resultBuffers; // empty: RESULT_BUFFERS=0
    private final Optional<Checkpoints> checkpoints;
    private final Optional<StoreCheckpoints> storeCheckpoints; // CHECKPOINT_STORE=on
    private final Optional<Store> accountsStore; // ACCOUNTS_HOST set
    private final Optional<TwoPhaseCommit> twoPhase; // ACCOUNTS_HOST set
    private final AtomicBoolean restoreFailing = new AtomicBoolean();
    private final AtomicBoolean checkpointsFailing = new AtomicBoolean();
    private final AtomicBoolean givingUp = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final AtomicLong alreadyCompleted = new AtomicLong();
    private final AtomicLong requeued = new AtomicLong();
    private final AtomicLong corruptRequeued = new AtomicLong();
    private final AtomicLong corruptDiscarded = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong poisonRequeued = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicBoolean expiring = new AtomicBoolean();
    private final AtomicLong deliveryTagMismatches = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicLong checkpointsWritten = new AtomicLong();
    private final AtomicLong checkpointFailures = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger consumersStarted = new AtomicInteger();
    private volatile int prefetchNow; // of the latest consumer; 0: none yet, or auto-ack (no limit)
    private volatile Channel channel;
    private volatile String consumerTag;
    private volatile boolean closing;

    Worker(AgentConfig config, Store store, Broker broker) {
        this(config, store, broker, System::currentTimeMillis);
    }

    /** {@code wallClock}: this worker's wall clock in epoch milliseconds, read only with {@code DEADLINE_CLOCK=wall}. */
    Worker(AgentConfig config, Store store, Broker broker, LongSupplier wallClock) {
        this.config = config;
        this.wallClock = wallClock;
        this.store = store;
        this.broker = broker;
        this.intake = Intake.of(config);
        this.storeBreaker = Resilience.storeGuard("worker store", config);
        this.cpuWork = new CpuWork(config.workCpu());
        if (config.resultBuffers() == 0) {
            this.resultBuffers = Optional.empty();
        } else if (config.safeguards()) {
            this.resultBuffers = Optional.of(ResultBuffers.bounded(config.resultBuffers()));
        } else {
            this.resultBuffers = Optional.of(ResultBuffers.unbounded());
        }
        this.checkpoints =
                config.checkpointDir().map(dir -> new Checkpoints(dir, config.workerId(), Clock.systemUTC()));
        this.completions = Schema.completionsTable(config.safeguards(), config.switches().idempotent());
        this.insert = completions.equals(Schema.COMPLETIONS)
                ? "INSERT INTO " + completions + " (task_id, worker) VALUES (?, ?) ON CONFLICT (task_id) DO NOTHING"
                : "INSERT INTO " + completions + " (task_id, worker) VALUES (?, ?)";
        this.storeCheckpoints = config.switches().checkpointStore()
                ? Optional.of(new StoreCheckpoints(store, config.workerId(), insert,
                        config.switches().verifyCheckpoints(), new StoreCheckpoints.InStore(completions)))
                : Optional.empty();
        this.accountsStore = config.accounts().map(a -> Store.accounts(config, a));
        this.twoPhase = accountsStore.map(accounts -> new TwoPhaseCommit(
                new TwoPhaseStores.PostgresBranch(store, completions, completions.equals(Schema.COMPLETIONS),
                        config.workerId()),
                new TwoPhaseStores.PostgresBranch(accounts, Schema.ACCOUNTS, true, config.workerId()),
                new TwoPhaseStores.StoreDecisionLog(store),
                config.safeguards() && config.switches().twoPhase(), config.commitDelay(), config.workerId(),
                d -> Thread.sleep(d.toMillis()), TwoPhaseCommit::newTxId));
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
        // Now, not at the first task: its one file descriptor may be hard to find later, when descriptors run short.
        resultBuffers.ifPresent(ResultBuffers::open);
        storeCheckpoints.ifPresent(StoreCheckpoints::start);
        twoPhase.ifPresent(TwoPhaseCommit::start);
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
        json.put("corruptRequeued", corruptRequeued.get());
        json.put("corruptDiscarded", corruptDiscarded.get());
        json.put("deadLettered", deadLettered.get());
        json.put("poisonRequeued", poisonRequeued.get());
        json.put("expired", expired.get());
        json.put("deliveryTagMismatches", deliveryTagMismatches.get());
        json.put("dropped", dropped.get());
        json.put("gaveUp", gaveUp.get());
        json.put("checkpoints", checkpointsWritten.get());
        json.put("checkpointFailures", checkpointFailures.get());
        json.put("resultBuffers", resultBuffers.map(ResultBuffers::held).orElse(0));
        json.put("inFlight", inFlight.get());
        json.put("brokerConnects", broker.connects());
        json.put("prefetch", prefetchNow);
        json.put("storeBreaker", storeBreaker.state());
        Map<String, Object> ledger = new LinkedHashMap<>(); // checked against Faultline's ledger after recovery
        ledger.put("pending", (long) inFlight.get());
        storeCheckpoints.ifPresent(sc -> {
            json.put("storeCheckpoints", sc.written());
            json.put("storeCheckpointFailures", sc.failures());
            json.put("restoredFrom", sc.restoredFrom().orElse(null));
            sc.completed().ifPresent(n -> ledger.put("completed", n));
        });
        twoPhase.ifPresent(tp -> {
            json.put("twoPhase", tp.state());
            tp.booked().ifPresent(n -> ledger.put("completed", n)); // its tasks booked in accounts
        });
        json.put("ledger", ledger);
        return json;
    }

    /** Starts consuming whenever the broker is reachable and no consumer is active; runs every 250 ms. */
    private void ensureConsuming() {
        if (closing || consuming()) {
            return;
        }
        if (storeCheckpoints.isPresent() && !restore(storeCheckpoints.get())) {
            return; // no consuming before the tally is restored
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
            int prefetch = prefetch(consumersStarted.get());
            ch.basicQos(autoAck ? 0 : prefetch);
            channel = ch;
            consumerTag = ch.basicConsume(broker.queue(), autoAck, new TaskConsumer(ch));
            consumersStarted.incrementAndGet();
            prefetchNow = autoAck ? 0 : prefetch;
            log.info("consuming {} (prefetch {}, {})", broker.queue(), prefetch,
                    autoAck ? "auto-ack: UNSAFE" : "ack after commit");
        } catch (IOException | RuntimeException e) {
            log.warn("cannot start consuming {}: {}", broker.queue(), e.toString());
            Broker.abortQuietly(ch);
            channel = null;
        }
    }

    /**
     * The prefetch of the next consumer, after {@code started} earlier ones: {@code PREFETCH}; with
     * {@code RESTORE_CAPACITY=off} only for the first, 1 for every consumer started again after a reconnect.
     */
    private int prefetch(int started) {
        return started == 0 || config.switches().restoreCapacity() ? config.prefetch() : 1;
    }

    /** Restores the tally from the store's checkpoints, once; false while the store cannot be read (logged once). */
    private boolean restore(StoreCheckpoints sc) {
        if (sc.restored()) {
            return true;
        }
        try {
            sc.restore();
            return true;
        } catch (StoreUnavailableException | SQLException | RuntimeException e) {
            if (restoreFailing.compareAndSet(false, true)) {
                log.warn("cannot restore the tally from the store's checkpoints yet, not consuming until it is: {}",
                        e.getMessage());
            }
            return false;
        }
    }

    private final class TaskConsumer extends DefaultConsumer {
        private long lastTag; // the broker numbers deliveries on a channel 1, 2, 3, ..; they arrive one at a time
        private volatile boolean abandoned;

        TaskConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            if (abandoned) {
                return; // the channel is being closed: the broker gets this delivery back with it
            }
            delivered.incrementAndGet();
            if (envelope.isRedeliver()) {
                redelivered.incrementAndGet();
            }
            Channel ch = getChannel();
            long deliveryTag = envelope.getDeliveryTag();
            if (config.safeguards() && deliveryTag != lastTag + 1) {
                abandon(ch, deliveryTag, lastTag + 1);
                return;
            }
            lastTag = deliveryTag;
            if (!config.safeguards()) {
                acked.incrementAndGet(); // auto-ack: the broker counted it as done the moment it sent it
            }
            Intake.Decision decision = intake.decide(properties, body);
            switch (decision.action()) {
                case PROCESS:
                    if (!expired(ch, deliveryTag, decision.taskId(), properties)) {
                        submit(ch, deliveryTag, decision.taskId());
                    }
                    break;
                case REQUEUE:
                    corruptRequeued.incrementAndGet();
                    log.warn("task {} failed its integrity check ({}); corrupted in transit, sent back for redelivery",
                            decision.taskId(), decision.problem().map(Object::toString).orElse("?"));
                    settle(ch, deliveryTag, Settle.REQUEUE);
                    break;
                case DISCARD:
                    corruptDiscarded.incrementAndGet();
                    log.error("task {} failed its integrity check ({}) {} times with identical content: corrupt at the source,"
                            + " not in transit; rejected without requeue (dead-lettered if the queue has a dead-letter exchange)",
                            decision.taskId(), decision.problem().map(Object::toString).orElse("?"), decision.timesSeen());
                    if (settle(ch, deliveryTag, Settle.REJECT)) {
                        deadLettered.incrementAndGet();
                    }
                    break;
                case RECYCLE:
                    if (poisonRequeued.incrementAndGet() % POISON_LOG_EVERY == 1) {
                        log.warn("task {} failed its integrity check ({}) {} times with identical content: corrupt at the"
                                + " source; sent back to the queue all the same (DEAD_LETTER=off: UNSAFE, it comes back"
                                + " for ever; {} such deliveries so far, logged every {})", decision.taskId(),
                                decision.problem().map(Object::toString).orElse("?"), decision.timesSeen(),
                                poisonRequeued.get(), POISON_LOG_EVERY);
                    }
                    settle(ch, deliveryTag, Settle.REQUEUE);
                    break;
                default:
                    dropped.incrementAndGet(); // unsafe by design: the task is lost
                    log.debug("dropped a delivery whose body is not a task (delivery {})", deliveryTag);
            }
        }

        /**
         * {@code DEADLINE_CLOCK=wall} only: whether the task's {@code x-deadline} lies before this worker's wall clock;
         * if so it is rejected without requeue (so dead-lettered; unsafe: it was auto-acked, so simply not worked on).
         */
        private boolean expired(Channel ch, long deliveryTag, String id, AMQP.BasicProperties properties) {
            if (config.switches().deadlineClock() != AgentConfig.DeadlineClock.WALL) {
                return false; // the broker's TTL judges: an expired message is never delivered
            }
            long now = wallClock.getAsLong();
            if (!TaskDeadline.passed(properties, now)) {
                if (expiring.compareAndSet(true, false)) {
                    log.info("tasks arrive within their deadline again (by this worker's wall clock)");
                }
                return false;
            }
            expired.incrementAndGet();
            if (expiring.compareAndSet(false, true)) {
                log.warn("task {} expired {} ms ago by this worker's wall clock (DEADLINE_CLOCK=wall); rejected without"
                        + " requeue, as is every task until one arrives within its deadline",
                        id, now - TaskDeadline.of(properties).getAsLong());
            }
            if (config.safeguards() && settle(ch, deliveryTag, Settle.REJECT)) {
                deadLettered.incrementAndGet();
            }
            return true;
        }

        /**
         * A delivery tag that is not the next one means the delivery's frame was corrupted: it cannot be settled (its
         * real tag is unknown, and acking a wrong one would ack another message). Closing the channel gives every
         * unacked message back to the broker; the supervisor starts a new consumer on a new channel.
         */
        private void abandon(Channel ch, long deliveryTag, long expected) {
            deliveryTagMismatches.incrementAndGet();
            log.warn("delivery tag {} where {} was due: a delivery frame was corrupted in transit; closing the channel so"
                    + " the broker takes back every unacked message", deliveryTag, expected);
            closeChannel(ch);
        }

        /** The broker cancelled this consumer (its queue was deleted, or moved): consume again on a new channel. */
        @Override
        public void handleCancel(String consumerTag) {
            log.warn("the broker cancelled consumer {}; consuming again on a new channel", consumerTag);
            closeChannel(getChannel());
        }

        private void closeChannel(Channel ch) {
            abandoned = true;
            try {
                supervisor.execute(() -> Broker.abortQuietly(ch)); // then the supervisor's next round consumes again
            } catch (RejectedExecutionException e) {
                Broker.abortQuietly(ch); // the worker is closing anyway
            }
        }
    }

    private void submit(Channel ch, long deliveryTag, String taskId) {
        inFlight.incrementAndGet();
        try {
            work.execute(() -> {
                try {
                    process(ch, deliveryTag, taskId);
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet(); // shutting down: left unacked, the broker requeues it when the channel closes
        }
    }

    private void process(Channel ch, long deliveryTag, String id) {
        byte[] result;
        try {
            Thread.sleep(config.workTime().toMillis()); // the work itself: the sleep is the point
            result = cpuWork.spend(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: left unacked, requeued when the channel closes
        }
        if (!config.safeguards()) {
            finishUnsafely(id, result);
            return;
        }
        keepResult(id, result);
        checkpoints.ifPresent(c -> checkpoint(c, id));
        try {
            int inserted = recordRetry.executeCallable(() -> record(id));
            processed.incrementAndGet();
            if (inserted == 0) {
                alreadyCompleted.incrementAndGet();
            }
            if (settle(ch, deliveryTag, Settle.ACK)) {
                acked.incrementAndGet();
            }
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // shutting down: left unacked, requeued when the channel closes
            }
            log.warn("cannot record task {}, requeueing it: {}", id, e.getMessage());
            if (settle(ch, deliveryTag, Settle.REQUEUE)) {
                requeued.incrementAndGet();
            }
        }
    }

    /**
     * Records the completion: in the store through its breaker, and with {@code ACCOUNTS_HOST} in both stores (the
     * two-phase commit has its own timeouts and recovery sweep, no breaker); the rows inserted.
     */
    private int record(String id) throws StoreUnavailableException, SQLException, InterruptedException {
        if (twoPhase.isPresent()) {
            try {
                return twoPhase.get().record(id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: left unacked, requeued when the channel closes
                throw e;
            }
        }
        return storeBreaker.call(() -> store.call(c -> insert(c, id)));
    }

    private int insert(java.sql.Connection c, String id) throws SQLException {
        if (storeCheckpoints.isPresent()) {
            return storeCheckpoints.get().record(c, id);
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, id);
            ps.setString(2, config.workerId());
            return ps.executeUpdate();
        }
    }

    /** Safe: the result buffer is for re-reads only; failing to keep one does not stop the task. */
    private void keepResult(String id, byte[] result) {
        if (resultBuffers.isEmpty()) {
            return;
        }
        try {
            resultBuffers.get().keep(result);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot keep the result of task {} in memory; completing it anyway: {}", id, e.toString());
        }
    }

    /** Writes the task's checkpoint; false when it cannot (counted, and logged once per burst of failures). */
    private boolean checkpoint(Checkpoints c, String id) {
        try {
            c.write(id);
        } catch (IOException | RuntimeException e) {
            checkpointFailures.incrementAndGet();
            if (checkpointsFailing.compareAndSet(false, true)) {
                log.warn("cannot write checkpoints to {} ({}); {} until one is written again", c.dir(), e.toString(),
                        config.safeguards() ? "tasks complete without them" : "UNSAFE: their tasks are given up");
            }
            return false;
        }
        checkpointsWritten.incrementAndGet();
        if (checkpointsFailing.compareAndSet(true, false)) {
            log.info("checkpoints are written to {} again", c.dir());
        }
        return true;
    }

    /**
     * Unsafe: the task was auto-acked on delivery, so whatever fails from here on (keeping the result, writing the
     * checkpoint, recording the completion: any exception) loses it for good. It is given up, never retried.
     */
    private void finishUnsafely(String id, byte[] result) {
        try {
            if (resultBuffers.isPresent()) {
                resultBuffers.get().keep(result);
            }
            if (checkpoints.isPresent() && !checkpoint(checkpoints.get(), id)) {
                giveUp(id, "its checkpoint could not be written");
                return;
            }
            record(id);
        } catch (Exception e) {
            giveUp(id, e.toString());
            return;
        }
        processed.incrementAndGet();
        if (givingUp.compareAndSet(true, false)) {
            log.info("tasks complete again");
        }
    }

    private void giveUp(String id, String why) {
        gaveUp.incrementAndGet(); // unsafe by design: auto-acked, so the task is lost
        if (givingUp.compareAndSet(false, true)) {
            log.warn("gave task {} up after it was auto-acked, so it is lost (UNSAFE): {}; the same for every task"
                    + " until one completes again", id, why);
        }
    }

    private enum Settle { ACK, REQUEUE, REJECT }

    /** Acks, nacks with requeue or rejects without; false when the channel is gone (the broker then requeues). */
    private boolean settle(Channel ch, long deliveryTag, Settle how) {
        try {
            synchronized (ch) {
                switch (how) {
                    case ACK:
                        ch.basicAck(deliveryTag, false);
                        break;
                    case REQUEUE:
                        ch.basicNack(deliveryTag, false, true);
                        break;
                    default:
                        ch.basicReject(deliveryTag, false);
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // The channel died with the connection: the broker redelivers the message, and the idempotent insert
            // makes the second completion a no-op.
            log.debug("cannot {} delivery {}: {}", how, deliveryTag, e.toString());
            return false;
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
        storeCheckpoints.ifPresent(StoreCheckpoints::close); // a last checkpoint while the store is still there
        twoPhase.ifPresent(TwoPhaseCommit::close);
        accountsStore.ifPresent(Store::close);
        resultBuffers.ifPresent(ResultBuffers::close);
    }
}
