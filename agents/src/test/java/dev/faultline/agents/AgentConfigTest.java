package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    private static AgentConfig parse(Map<String, String> env) throws InvalidConfigException {
        return AgentConfig.fromEnvironment(env, () -> "host-1");
    }

    private static InvalidConfigException problemsOf(Map<String, String> env) {
        return catchThrowableOfType(InvalidConfigException.class, () -> parse(env));
    }

    @Test
    void onlyTheRoleIsNeededEverythingElseHasItsDefault() throws Exception {
        AgentConfig config = parse(Map.of("AGENT_ROLE", "worker"));

        assertThat(config.role()).isEqualTo(Role.WORKER);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.brokerHost()).isEqualTo("rabbitmq");
        assertThat(config.brokerPort()).isEqualTo(5672);
        assertThat(config.brokerUser()).isEqualTo("faultline");
        assertThat(config.brokerPassword()).isEqualTo("faultline");
        assertThat(config.storeHost()).isEqualTo("postgres");
        assertThat(config.storePort()).isEqualTo(5432);
        assertThat(config.storeDb()).isEqualTo("faultline");
        assertThat(config.storeUser()).isEqualTo("faultline");
        assertThat(config.storePassword()).isEqualTo("faultline");
        assertThat(config.queue()).isEqualTo("tasks");
        assertThat(config.workTime()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.prefetch()).isEqualTo(5);
        assertThat(config.safeguards()).isTrue();
        assertThat(config.workerId()).isEqualTo("host-1");
        assertThat(config.workCpu()).isEqualTo(Duration.ZERO);
        assertThat(config.checkpointDir()).isEmpty();
        assertThat(config.resultBuffers()).isEqualTo(0);
        assertThat(config.switches().deadLetter()).isTrue();
        assertThat(config.switches().idempotent()).isTrue();
        assertThat(config.switches().taskDeadline()).isEmpty();
        assertThat(config.switches().deadlineClock()).isEqualTo(AgentConfig.DeadlineClock.BROKER);
        assertThat(config.switches().checkpointStore()).isFalse();
        assertThat(config.switches().verifyCheckpoints()).isTrue();
        assertThat(config.switches().breakers()).isTrue();
        assertThat(config.switches().storeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.breakers()).isTrue();
    }

    @Test
    void everyVariableIsRead() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_ROLE", "Orchestrator");
        env.put("HTTP_PORT", "9000");
        env.put("BROKER_HOST", "mq");
        env.put("BROKER_PORT", "5673");
        env.put("BROKER_USER", "u");
        env.put("BROKER_PASSWORD", "p w");
        env.put("STORE_HOST", "db");
        env.put("STORE_PORT", "6543");
        env.put("STORE_DB", "d");
        env.put("STORE_USER", "su");
        env.put("STORE_PASSWORD", "sp");
        env.put("QUEUE", "jobs");
        env.put("WORK_TIME", "2s");
        env.put("PREFETCH", "50");
        env.put("SAFEGUARDS", "OFF");
        env.put("WORKER_ID", "w-7");
        env.put("WORK_CPU", "20ms");
        env.put("CHECKPOINT_DIR", "/var/lib/faultline/checkpoints/");
        env.put("RESULT_BUFFERS", "16");
        env.put("DEAD_LETTER", "off");
        env.put("IDEMPOTENT", "off");
        env.put("TASK_DEADLINE", "10s");
        env.put("DEADLINE_CLOCK", "Wall");
        env.put("CHECKPOINT_STORE", "on");
        env.put("VERIFY_CHECKPOINTS", "off");
        env.put("BREAKERS", "off");
        env.put("STORE_TIMEOUT", "500ms");

        AgentConfig config = parse(env);

        assertThat(config.role()).isEqualTo(Role.ORCHESTRATOR);
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6543/d");
        assertThat(config.brokerHost()).isEqualTo("mq");
        assertThat(config.brokerPort()).isEqualTo(5673);
        assertThat(config.brokerUser()).isEqualTo("u");
        assertThat(config.brokerPassword()).isEqualTo("p w");
        assertThat(config.storeUser()).isEqualTo("su");
        assertThat(config.storePassword()).isEqualTo("sp");
        assertThat(config.queue()).isEqualTo("jobs");
        assertThat(config.workTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.prefetch()).isEqualTo(50);
        assertThat(config.safeguards()).isFalse();
        assertThat(config.workerId()).isEqualTo("w-7");
        assertThat(config.workCpu()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.checkpointDir()).contains(Path.of("/var/lib/faultline/checkpoints"));
        assertThat(config.resultBuffers()).isEqualTo(16);
        assertThat(config.switches().deadLetter()).isFalse();
        assertThat(config.switches().idempotent()).isFalse();
        assertThat(config.switches().taskDeadline()).contains(new TaskDeadline(Duration.ofSeconds(10)));
        assertThat(config.switches().deadlineClock()).isEqualTo(AgentConfig.DeadlineClock.WALL);
        assertThat(config.switches().checkpointStore()).isTrue();
        assertThat(config.switches().verifyCheckpoints()).isFalse();
        assertThat(config.switches().breakers()).isFalse();
        assertThat(config.switches().storeTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void breakersAreOnOnlyWithSafeguardsOnAndBreakersOn() throws Exception {
        assertThat(parse(Map.of("AGENT_ROLE", "worker", "BREAKERS", "on")).breakers()).isTrue();
        assertThat(parse(Map.of("AGENT_ROLE", "worker", "BREAKERS", "off")).breakers()).isFalse();
        assertThat(parse(Map.of("AGENT_ROLE", "worker", "SAFEGUARDS", "off")).breakers()).isFalse();
    }

    @Test
    void aBlankValueCountsAsUnset() throws Exception {
        AgentConfig config = parse(Map.of("AGENT_ROLE", "worker", "HTTP_PORT", " ", "WORK_TIME", ""));

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.workTime()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aMissingRoleNamesTheVariableAndTheChoices() {
        InvalidConfigException e = problemsOf(Map.of());

        assertThat(e.problems()).containsExactly("AGENT_ROLE: expected one of orchestrator, worker, planner but was not set");
    }

    @Test
    void everyBadVariableIsReportedAtOnceWithWhatWasExpectedAndFound() {
        Map<String, String> env = new HashMap<>();
        env.put("AGENT_ROLE", "boss");
        env.put("HTTP_PORT", "http");
        env.put("BROKER_PORT", "70000");
        env.put("WORK_TIME", "5 parsecs");
        env.put("PREFETCH", "0");
        env.put("SAFEGUARDS", "maybe");
        env.put("QUEUE", "two words");
        env.put("WORK_CPU", "lots");
        env.put("CHECKPOINT_DIR", "checkpoints");
        env.put("RESULT_BUFFERS", "-1");
        env.put("DEAD_LETTER", "yes");
        env.put("IDEMPOTENT", "1");
        env.put("TASK_DEADLINE", "0s");
        env.put("DEADLINE_CLOCK", "ntp");
        env.put("CHECKPOINT_STORE", "yes");
        env.put("VERIFY_CHECKPOINTS", "no");
        env.put("RESTORE_CAPACITY", "full");
        env.put("LEADER_LEASE", "soon");
        env.put("LEADER_PREFERRED", "planner 0");
        env.put("BREAKERS", "auto");
        env.put("STORE_TIMEOUT", "0ms");

        InvalidConfigException e = problemsOf(env);

        assertThat(e.problems()).containsExactly(
                "AGENT_ROLE: expected one of orchestrator, worker, planner but was 'boss'",
                "HTTP_PORT: expected an integer from 1 to 65535 but was 'http'",
                "BROKER_PORT: expected an integer from 1 to 65535 but was '70000'",
                "QUEUE: expected a name without spaces of at most 250 characters but was 'two words'",
                "WORK_TIME: expected a duration like 250ms, 2s or 1m but was '5 parsecs'",
                "PREFETCH: expected an integer from 1 to 1000 but was '0'",
                "SAFEGUARDS: expected on or off but was 'maybe'",
                "WORK_CPU: expected a duration like 250ms, 2s or 1m but was 'lots'",
                "CHECKPOINT_DIR: expected an absolute path but was 'checkpoints'",
                "RESULT_BUFFERS: expected an integer from 0 to 256 but was '-1'",
                "DEAD_LETTER: expected on or off but was 'yes'",
                "IDEMPOTENT: expected on or off but was '1'",
                "TASK_DEADLINE: expected a duration greater than 0 like 250ms, 2s or 1m but was '0s'",
                "DEADLINE_CLOCK: expected one of broker, wall but was 'ntp'",
                "CHECKPOINT_STORE: expected on or off but was 'yes'",
                "VERIFY_CHECKPOINTS: expected on or off but was 'no'",
                "RESTORE_CAPACITY: expected on or off but was 'full'",
                "BREAKERS: expected on or off but was 'auto'",
                "STORE_TIMEOUT: expected a duration greater than 0 like 250ms, 2s or 1m but was '0ms'",
                "LEADER_LEASE: expected a duration greater than 0 like 250ms, 2s or 1m but was 'soon'",
                "LEADER_PREFERRED: expected a name without spaces of at most 255 characters but was 'planner 0'");
    }

    @Test
    void aWorkerBooksInNoSecondStoreUnlessAccountsHostIsSetAndThenUsesTwoPhaseCommit() throws Exception {
        AgentConfig plain = parse(Map.of("AGENT_ROLE", "worker"));
        AgentConfig booking = parse(Map.of("AGENT_ROLE", "worker", "ACCOUNTS_HOST", "accounts"));

        assertThat(plain.accounts()).isEmpty();
        assertThat(plain.commitDelay()).isEqualTo(Duration.ZERO);
        assertThat(booking.accounts()).contains(new AgentConfig.Accounts("accounts", 5432, "faultline"));
        assertThat(booking.accounts().get().jdbcUrl()).isEqualTo("jdbc:postgresql://accounts:5432/faultline");
        assertThat(booking.switches().twoPhase()).isTrue();
    }

    @Test
    void theAccountsStoreTheSwitchAndTheCommitDelayAreRead() throws Exception {
        AgentConfig config = parse(Map.of("AGENT_ROLE", "worker", "ACCOUNTS_HOST", "books", "ACCOUNTS_PORT", "6000",
                "ACCOUNTS_DB", "ledger", "TWO_PHASE", "Off", "COMMIT_DELAY", "500ms"));

        assertThat(config.accounts()).contains(new AgentConfig.Accounts("books", 6000, "ledger"));
        assertThat(config.switches().twoPhase()).isFalse();
        assertThat(config.commitDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.toString()).contains("twoPhase=off", "accounts=books:6000/ledger", "commitDelay=500ms");
    }

    @Test
    void badTwoPhaseVariablesAreReportedWithWhatWasExpectedAndFound() {
        InvalidConfigException e = problemsOf(Map.of("AGENT_ROLE", "worker", "TWO_PHASE", "maybe",
                "ACCOUNTS_HOST", "two words", "ACCOUNTS_PORT", "0", "COMMIT_DELAY", "soon"));

        assertThat(e.problems()).containsExactly(
                "TWO_PHASE: expected on or off but was 'maybe'",
                "ACCOUNTS_HOST: expected a name without spaces of at most 253 characters but was 'two words'",
                "ACCOUNTS_PORT: expected an integer from 1 to 65535 but was '0'",
                "COMMIT_DELAY: expected a duration like 250ms, 2s or 1m but was 'soon'");
    }

    @Test
    void accountsCannotBeBookedBesideStoreCheckpointsWhichReportTheSameLedgerFigure() {
        InvalidConfigException e = problemsOf(Map.of("AGENT_ROLE", "worker", "ACCOUNTS_HOST", "accounts",
                "CHECKPOINT_STORE", "on"));

        assertThat(e.problems()).containsExactly("ACCOUNTS_HOST: expected not set with CHECKPOINT_STORE=on (both"
                + " report the worker's ledger figure 'completed') but was 'accounts'");
    }

    @Test
    void passwordsNeverAppearInTheDescription() throws Exception {
        AgentConfig config = parse(Map.of("AGENT_ROLE", "worker", "BROKER_PASSWORD", "s3cret-b",
                "STORE_PASSWORD", "s3cret-s"));

        assertThat(config.toString()).doesNotContain("s3cret").contains("role=worker", "safeguards=on");
    }

    @Test
    void aPlannerLeasesForThreeSecondsRenewedEverySecondFromThePlanQueueByDefault() throws Exception {
        AgentConfig config = parse(Map.of("AGENT_ROLE", "planner"));

        assertThat(config.role()).isEqualTo(Role.PLANNER);
        assertThat(config.leadership()).isEqualTo(new AgentConfig.Leadership(Duration.ofSeconds(3),
                Duration.ofSeconds(1), java.util.Optional.empty(), "plans"));
        assertThat(config.leadership().firstElectionDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.toString()).contains("leaderLease=3s leaseRenew=1s leaderPreferred=none planQueue=plans");
    }

    @Test
    void aRenewalPeriodNotShorterThanTheLeaseIsAProblem() {
        InvalidConfigException e = problemsOf(Map.of("AGENT_ROLE", "planner", "LEADER_LEASE", "2s",
                "LEASE_RENEW", "2s"));

        assertThat(e.problems()).containsExactly("LEASE_RENEW: expected a duration less than LEADER_LEASE (2s) but was '2s'");
    }

    @Test
    void aShortLeaseWithoutARenewalPeriodIsRenewedEveryThirdOfIt() throws Exception {
        AgentConfig config = parse(Map.of("AGENT_ROLE", "planner", "LEADER_LEASE", "600ms", "LEADER_PREFERRED",
                "planner-0"));

        assertThat(config.leadership().renew()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.leadership().preferred()).contains("planner-0");
    }
}
