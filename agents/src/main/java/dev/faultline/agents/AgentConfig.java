package dev.faultline.agents;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The whole configuration of one agent process, read once from the environment at start.
 *
 * <p>Every variable has a default except {@code AGENT_ROLE}. A blank value counts as unset. All problems are
 * collected and reported together, each as {@code NAME: expected ... but was '...'}.
 */
record AgentConfig(
        Role role,
        int httpPort,
        String brokerHost,
        int brokerPort,
        String brokerUser,
        String brokerPassword,
        String storeHost,
        int storePort,
        String storeDb,
        String storeUser,
        String storePassword,
        String queue,
        Duration workTime,
        int prefetch,
        boolean safeguards,
        String workerId,
        Duration workCpu,
        Optional<Path> checkpointDir,
        int resultBuffers,
        Switches switches,
        Leadership leadership,
        Optional<Accounts> accounts,
        Duration commitDelay) {

    static final int DEFAULT_HTTP_PORT = 8080;
    static final int DEFAULT_BROKER_PORT = 5672;
    static final int DEFAULT_STORE_PORT = 5432;
    static final Duration DEFAULT_WORK_TIME = Duration.ofMillis(200);
    static final int DEFAULT_PREFETCH = 5;
    static final Duration DEFAULT_WORK_CPU = Duration.ZERO;
    static final int DEFAULT_RESULT_BUFFERS = 0;
    static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_RESULT_BUFFERS = 256;
    /** RabbitMQ's limit of 255 characters, less the dead-letter queue's suffix {@code .dead}. */
    static final int MAX_QUEUE_NAME = 255 - Broker.DEAD_LETTER_SUFFIX.length();

    AgentConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(workTime, "workTime");
        Objects.requireNonNull(workCpu, "workCpu");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(switches, "switches");
        Objects.requireNonNull(leadership, "leadership");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(commitDelay, "commitDelay");
    }

    static final Duration DEFAULT_LEADER_LEASE = Duration.ofSeconds(3);
    static final Duration DEFAULT_LEASE_RENEW = Duration.ofSeconds(1);

    /**
     * How a {@link Role#PLANNER planner} takes part in the election of the one active replica ({@link LeaderLease}).
     *
     * @param lease {@code LEADER_LEASE}: how long a lease lasts from its last renewal, by the store's clock
     * @param renew {@code LEASE_RENEW}: how often the leader renews it (and a passive replica looks at it); less than
     *     {@code lease}
     * @param preferred {@code LEADER_PREFERRED}: the id ({@code WORKER_ID}) of the replica that takes the first lease;
     *     the others wait {@link #firstElectionDelay()} before they may; empty: no preference
     * @param planQueue {@code PLAN_QUEUE}: the queue the leader consumes and forwards into {@code QUEUE}
     */
    record Leadership(Duration lease, Duration renew, Optional<String> preferred, String planQueue) {
        Leadership {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(renew, "renew");
            Objects.requireNonNull(preferred, "preferred");
            Objects.requireNonNull(planQueue, "planQueue");
            if (renew.isZero() || renew.isNegative() || renew.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("renew must be greater than 0 and less than the lease "
                        + Durations.format(lease) + ", but was " + Durations.format(renew));
            }
        }

        /**
         * How long a replica other than the preferred one waits, from its start, before it may take the very first
         * lease: twice the lease, at least 10 s. Only the first election waits; a lease that expires is free for all.
         */
        Duration firstElectionDelay() {
            Duration twice = lease.multipliedBy(2);
            return twice.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : twice;
        }

        @Override
        public String toString() {
            return "leaderLease=" + Durations.format(lease) + " leaseRenew=" + Durations.format(renew)
                    + " leaderPreferred=" + preferred.orElse("none") + " planQueue=" + planQueue;
        }
    }

    /**
     * The second store a worker books every completion in ({@code ACCOUNTS_HOST}, {@code ACCOUNTS_PORT},
     * {@code ACCOUNTS_DB}; the credentials are the store's), with two-phase commit unless {@code TWO_PHASE=off}
     * ({@link TwoPhaseCommit}).
     */
    record Accounts(String host, int port, String db) {
        Accounts {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(db, "db");
        }

        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + db;
        }
    }

    /**
     * The safe patterns that can be switched off one at a time, each for a negative control; every one defaults to
     * safe. They apply only with {@code SAFEGUARDS=on}, unless their variable says otherwise.
     *
     * @param deadLetter {@code DEAD_LETTER}: a message corrupt at the source is rejected without requeue (and so
     *     dead-lettered); off: sent back to the queue for ever
     * @param idempotent {@code IDEMPOTENT}: a completion is recorded at most once per task id; off: every completion
     *     is recorded, so a task delivered twice completes twice (acks, intake and the rest stay safe)
     * @param taskDeadline {@code TASK_DEADLINE} (orchestrator): the deadline every task message carries; empty (the
     *     default): none
     * @param deadlineClock {@code DEADLINE_CLOCK} (worker): whose clock judges a task's deadline
     * @param checkpointStore {@code CHECKPOINT_STORE} (worker, default off): keep versioned checkpoints of the tally of
     *     completed tasks in the store ({@link StoreCheckpoints})
     * @param verifyCheckpoints {@code VERIFY_CHECKPOINTS} (worker): restore from the newest checkpoint whose SHA-256
     *     matches; off: from the newest as it is
     * @param retryJitter {@code RETRY_JITTER}: reconnect to the broker with exponential backoff and jitter
     *     ({@link Backoff#BROKER_RECONNECT}); off: every 50 ms, no backoff, no jitter ({@link Backoff#STORM}, a retry storm)
     * @param twoPhase {@code TWO_PHASE} (worker, with {@code ACCOUNTS_HOST}): record a completion in both stores with
     *     two-phase commit; off: in two separate transactions, one after the other
     * @param restoreCapacity {@code RESTORE_CAPACITY} (worker): every consumer, the first and those started again after
     *     a broker reconnect, gets {@code PREFETCH}; off: only the first, every later one prefetch 1 (the worker comes
     *     back up, but degraded)
     * @param breakers {@code BREAKERS}: store calls are bounded by {@code storeTimeout} and go through a circuit
     *     breaker ({@link Resilience}); off: no breaker and no timeout, a call waits as long as the store takes
     * @param storeTimeout {@code STORE_TIMEOUT} (default 2 s): with breakers on, how long a store call may wait on
     *     the store (opening a connection, each read) before it fails ({@link Store#networkTimeoutMs})
     */
    record Switches(boolean deadLetter, boolean idempotent, Optional<TaskDeadline> taskDeadline,
            DeadlineClock deadlineClock, boolean checkpointStore, boolean verifyCheckpoints, boolean retryJitter,
            boolean twoPhase, boolean restoreCapacity, boolean breakers, Duration storeTimeout) {
        Switches {
            Objects.requireNonNull(taskDeadline, "taskDeadline");
            Objects.requireNonNull(deadlineClock, "deadlineClock");
            Objects.requireNonNull(storeTimeout, "storeTimeout");
        }
        @Override
        public String toString() {
            return "deadLetter=" + onOff(deadLetter) + " idempotent=" + onOff(idempotent)
                    + " taskDeadline=" + taskDeadline.map(d -> Durations.format(d.deadline())).orElse("none")
                    + " deadlineClock=" + deadlineClock.id() + " checkpointStore=" + onOff(checkpointStore)
                    + " verifyCheckpoints=" + onOff(verifyCheckpoints) + " retryJitter=" + onOff(retryJitter)
                    + " twoPhase=" + onOff(twoPhase) + " restoreCapacity=" + onOff(restoreCapacity)
                    + " breakers=" + onOff(breakers) + " storeTimeout=" + Durations.format(storeTimeout);
        }
    }

    /** Whose clock judges a task's deadline ({@code DEADLINE_CLOCK}). */
    enum DeadlineClock {
        /** The broker's: the message's TTL ({@code expiration}); a worker ignores {@code x-deadline}. Safe. */
        BROKER,
        /**
         * The worker's own wall clock against the orchestrator's {@code x-deadline}: a task whose deadline lies
         * before the worker's {@code System.currentTimeMillis()} is rejected as expired. Unsafe: wrong under clock skew.
         */
        WALL;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    static AgentConfig fromEnvironment() throws InvalidConfigException {
        return fromEnvironment(System.getenv(), AgentConfig::localHostName);
    }

    static AgentConfig fromEnvironment(Map<String, String> env, Supplier<String> hostName)
            throws InvalidConfigException {
        Reader r = new Reader(env);
        Role role = r.role("AGENT_ROLE");
        int httpPort = r.port("HTTP_PORT", DEFAULT_HTTP_PORT);
        String brokerHost = r.name("BROKER_HOST", "rabbitmq", 253);
        int brokerPort = r.port("BROKER_PORT", DEFAULT_BROKER_PORT);
        String brokerUser = r.name("BROKER_USER", "faultline", 255);
        String brokerPassword = r.secret("BROKER_PASSWORD", "faultline");
        String storeHost = r.name("STORE_HOST", "postgres", 253);
        int storePort = r.port("STORE_PORT", DEFAULT_STORE_PORT);
        String storeDb = r.name("STORE_DB", "faultline", 63);
        String storeUser = r.name("STORE_USER", "faultline", 63);
        String storePassword = r.secret("STORE_PASSWORD", "faultline");
        String queue = r.name("QUEUE", "tasks", MAX_QUEUE_NAME);
        Duration workTime = r.duration("WORK_TIME", DEFAULT_WORK_TIME);
        int prefetch = r.integer("PREFETCH", DEFAULT_PREFETCH, 1, 1000);
        boolean safeguards = r.onOff("SAFEGUARDS", true);
        String workerId = r.value("WORKER_ID");
        Duration workCpu = r.duration("WORK_CPU", DEFAULT_WORK_CPU);
        Optional<Path> checkpointDir = r.absolutePath("CHECKPOINT_DIR");
        int resultBuffers = r.integer("RESULT_BUFFERS", DEFAULT_RESULT_BUFFERS, 0, MAX_RESULT_BUFFERS);
        Switches switches = new Switches(r.onOff("DEAD_LETTER", true), r.onOff("IDEMPOTENT", true),
                r.positiveDuration("TASK_DEADLINE").map(TaskDeadline::new),
                r.deadlineClock("DEADLINE_CLOCK", DeadlineClock.BROKER), r.onOff("CHECKPOINT_STORE", false),
                r.onOff("VERIFY_CHECKPOINTS", true), r.onOff("RETRY_JITTER", true), r.onOff("TWO_PHASE", true),
                r.onOff("RESTORE_CAPACITY", true), r.onOff("BREAKERS", true),
                r.positiveDuration("STORE_TIMEOUT").orElse(DEFAULT_STORE_TIMEOUT));
        Duration lease = r.positiveDuration("LEADER_LEASE").orElse(DEFAULT_LEADER_LEASE);
        Optional<Duration> renewSet = r.positiveDuration("LEASE_RENEW");
        Duration renew = renewSet.orElse(DEFAULT_LEASE_RENEW.compareTo(lease) < 0 ? DEFAULT_LEASE_RENEW
                : lease.dividedBy(3)); // unset, with a lease of 1 s or less: a third of it
        if (renew.compareTo(lease) >= 0 || renew.isZero()) {
            if (renewSet.isPresent()) {
                r.problem("LEASE_RENEW", "a duration less than LEADER_LEASE (" + Durations.format(lease) + ")",
                        r.value("LEASE_RENEW"));
            }
            renew = lease.dividedBy(3).isZero() ? lease : lease.dividedBy(3);
        }
        Optional<String> preferred = Optional.ofNullable(r.name("LEADER_PREFERRED", null, 255));
        String planQueue = r.name("PLAN_QUEUE", "plans", MAX_QUEUE_NAME);
        String accountsHost = r.name("ACCOUNTS_HOST", null, 253);
        int accountsPort = r.port("ACCOUNTS_PORT", DEFAULT_STORE_PORT);
        String accountsDb = r.name("ACCOUNTS_DB", "faultline", 63);
        Duration commitDelay = r.duration("COMMIT_DELAY", Duration.ZERO);
        if (accountsHost != null && switches.checkpointStore()) {
            r.problem("ACCOUNTS_HOST", "not set with CHECKPOINT_STORE=on (both report the worker's ledger figure"
                    + " 'completed')", accountsHost);
        }
        if (!r.problems.isEmpty()) {
            throw new InvalidConfigException(r.problems);
        }
        if (workerId == null) {
            workerId = hostName.get();
        }
        return new AgentConfig(role, httpPort, brokerHost, brokerPort, brokerUser, brokerPassword, storeHost,
                storePort, storeDb, storeUser, storePassword, queue, workTime, prefetch, safeguards, workerId, workCpu,
                checkpointDir, resultBuffers, switches, new Leadership(lease, renew, preferred, planQueue),
                Optional.ofNullable(accountsHost).map(h -> new Accounts(h, accountsPort, accountsDb)), commitDelay);
    }

    /** The same configuration serving HTTP on another port ({@code 0}: any free one). */
    AgentConfig withHttpPort(int port) {
        return new AgentConfig(role, port, brokerHost, brokerPort, brokerUser, brokerPassword, storeHost, storePort,
                storeDb, storeUser, storePassword, queue, workTime, prefetch, safeguards, workerId, workCpu,
                checkpointDir, resultBuffers, switches, leadership, accounts, commitDelay);
    }

    /**
     * Whether broker reconnects back off with jitter: {@code RETRY_JITTER=on} and {@code SAFEGUARDS=on}; otherwise
     * they come every 50 ms (a retry storm).
     */
    boolean reconnectJitter() {
        return safeguards && switches.retryJitter();
    }

    /**
     * Whether store calls are bounded by {@code STORE_TIMEOUT} and go through circuit breakers: {@code BREAKERS=on}
     * with {@code SAFEGUARDS=on}.
     */
    boolean breakers() {
        return safeguards && switches.breakers();
    }

    /** The JDBC URL of the store; credentials travel separately. */
    String jdbcUrl() {
        return "jdbc:postgresql://" + storeHost + ":" + storePort + "/" + storeDb;
    }

    @Override
    public String toString() {
        return "role=" + role.id() + " http=:" + httpPort
                + " broker=" + brokerUser + "@" + brokerHost + ":" + brokerPort + " queue=" + queue
                + " store=" + storeUser + "@" + storeHost + ":" + storePort + "/" + storeDb
                + " workTime=" + Durations.format(workTime) + " prefetch=" + prefetch
                + " safeguards=" + (safeguards ? "on" : "off") + " worker=" + workerId
                + " workCpu=" + Durations.format(workCpu)
                + " checkpoints=" + checkpointDir.map(Path::toString).orElse("none")
                + " resultBuffers=" + resultBuffers + " " + switches
                + " accounts=" + accounts.map(a -> a.host() + ":" + a.port() + "/" + a.db()).orElse("none")
                + " commitDelay=" + Durations.format(commitDelay)
                + (role == Role.PLANNER ? " " + leadership : "");
    }

    private static String localHostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** Reads variables, collecting one problem per bad variable. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        /** The trimmed value, or null when unset or blank. */
        String value(String name) {
            String raw = env.get(name);
            return raw == null || raw.isBlank() ? null : raw.trim();
        }

        private void problem(String name, String expected, String found) {
            problems.add(name + ": expected " + expected + " but was " + (found == null ? "not set" : "'" + found + "'"));
        }

        Role role(String name) {
            String v = value(name);
            Role role = v == null ? null : Role.fromId(v.toLowerCase(Locale.ROOT)).orElse(null);
            if (role == null) {
                problem(name, "one of orchestrator, worker, planner", v);
            }
            return role;
        }

        int integer(String name, int fallback, int min, int max) {
            String v = value(name);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(name, "an integer from " + min + " to " + max, v);
            return fallback;
        }

        int port(String name, int fallback) {
            return integer(name, fallback, 1, 65535);
        }

        String name(String name, String fallback, int maxLength) {
            String v = value(name);
            if (v == null) {
                return fallback;
            }
            if (v.length() > maxLength || v.chars().anyMatch(Character::isWhitespace)) {
                problem(name, "a name without spaces of at most " + maxLength + " characters", v);
                return fallback;
            }
            return v;
        }

        String secret(String name, String fallback) {
            String raw = env.get(name);
            return raw == null || raw.isEmpty() ? fallback : raw;
        }

        Duration duration(String name, Duration fallback) {
            String v = value(name);
            if (v == null) {
                return fallback;
            }
            return Durations.parse(v).orElseGet(() -> {
                problem(name, Durations.EXPECTED, v);
                return fallback;
            });
        }

        Optional<Duration> positiveDuration(String name) {
            String v = value(name);
            if (v == null) {
                return Optional.empty();
            }
            Optional<Duration> d = Durations.parse(v).filter(p -> !p.isZero());
            if (d.isEmpty()) {
                problem(name, "a duration greater than 0 like 250ms, 2s or 1m", v);
            }
            return d;
        }

        DeadlineClock deadlineClock(String name, DeadlineClock fallback) {
            String v = value(name);
            if (v == null) {
                return fallback;
            }
            for (DeadlineClock c : DeadlineClock.values()) {
                if (c.id().equals(v.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            problem(name, "one of broker, wall", v);
            return fallback;
        }

        Optional<Path> absolutePath(String name) {
            String v = value(name);
            if (v == null) {
                return Optional.empty();
            }
            try {
                Path path = Path.of(v);
                if (path.isAbsolute()) {
                    return Optional.of(path.normalize());
                }
            } catch (InvalidPathException e) {
                // reported below
            }
            problem(name, "an absolute path", v);
            return Optional.empty();
        }

        boolean onOff(String name, boolean fallback) {
            String v = value(name);
            if (v == null) {
                return fallback;
            }
            switch (v.toLowerCase(Locale.ROOT)) {
                case "on":
                    return true;
                case "off":
                    return false;
                default:
                    problem(name, "on or off", v);
                    return fallback;
            }
        }
    }
}
