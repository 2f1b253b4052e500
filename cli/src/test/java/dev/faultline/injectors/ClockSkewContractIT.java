package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.faultline.engine.spi.ContainerControl;
import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.yaml.YamlParams;
import dev.faultline.injectors.clock.ClockSkewType;

/**
 * {@code clock-skew} passes the fault contract against real agents (a JVM each, {@link ClockTargets}): {@code clock-a}
 * is the first run's world, {@code clock-b} the second's, both with the shim preloaded; {@code bystander} without
 * it. Not taking effect means someone set the offset back to 0 behind the fault's back; reverted means the
 * instance's clock reads the host's time again.
 */
@ExtendWith(ClockTargets.class)
class ClockSkewContractIT extends TopologyContract {
    private static final String READER = "/.faultline-clock/faultline-clock";
    private static final Duration OFFSET = Duration.ofSeconds(30);
    private static final Duration WITHIN = Duration.ofSeconds(1);

    ClockSkewContractIT() {
        super(ClockTargets.TOPOLOGY);
    }

    @Override
    protected Fault fault() {
        return new ClockSkewType().configure(YamlParams.parse("{offset: '+30s'}"), Duration.ofSeconds(5));
    }

    @Override
    protected String targetName() {
        return "clock";
    }

    @Override
    protected Duration verifyWithin() {
        return Duration.ofSeconds(3);
    }

    /** How far the instance's clock is from the host's, in whole seconds. */
    @Override
    protected Object observed(Side side) {
        return "clock off by " + Math.round(skew(targets(side).get(0)).toMillis() / 1000.0) + "s";
    }

    /** Someone set the offset back to 0 with the shim's own reader. */
    @Override
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        run.apply();
        ContainerControl.ExecResult undone = control(Side.FIRST).run(targets().get(0), READER, "set", "0");
        assertThat(undone.exitCode()).as(undone.stderr()).isZero();
    }

    @Override
    protected void assertReverted() {
        String instance = targets().get(0);
        assertThat(skew(instance).abs()).as("how far the clock of " + instance + " is off after revert")
                .isLessThanOrEqualTo(WITHIN);
    }

    @Test
    void theTargetsJvmSeesTheSkewedClock() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();
        assertThat(verified(run).tookEffect()).isTrue();

        Instant date = httpDate("clock-a");

        assertThat(Duration.between(Instant.now().plus(OFFSET), date).abs()).as("the agent's HTTP Date header")
                .isLessThanOrEqualTo(Duration.ofSeconds(2)); // the header has whole seconds
    }

    @Test
    void otherContainersAndTheKernelKeepTrueTime() throws Exception {
        Fault.Handle run = run(fault());
        run.apply();
        assertThat(verified(run).tookEffect()).isTrue();

        Duration sameShimNotTargeted = skew("clock-b");
        Duration noShim = Duration.between(Instant.now(), httpDate("bystander"));
        Duration kernelInTheTarget = kernelSkew("clock-a");

        assertThat(List.of(sameShimNotTargeted.abs(), kernelInTheTarget.abs()))
                .as("clock-b (shim, not targeted), the kernel's clock in clock-a (no shim)")
                .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(WITHIN));
        assertThat(noShim.abs()).as("the bystander's HTTP Date").isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    /** Prints how long injection takes to be verified and revert to be released (the closing note's figures). */
    @Test
    void injectionIsVerifiedAndRevertReleasedWithinASecond() throws Exception {
        List<Long> verifiedMs = new ArrayList<>();
        List<Long> releasedMs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Fault.Handle run = run(fault());
            long injected = System.nanoTime();
            run.apply();
            assertThat(verified(run).tookEffect()).isTrue();
            verifiedMs.add((System.nanoTime() - injected) / 1_000_000);
            long reverting = System.nanoTime();
            run.revert(); // returns once the target's clock reads true time
            releasedMs.add((System.nanoTime() - reverting) / 1_000_000);
        }
        System.out.println("clock-skew inject->verified ms " + verifiedMs + "; revert->released ms " + releasedMs);

        assertThat(verifiedMs).allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
        assertThat(releasedMs).allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
    }

    /** The instance's clock through the shim minus the host's (at the middle of the read). */
    private static Duration skew(String instance) {
        return offsetOf(instance, READER, "now");
    }

    /** The kernel's clock in the instance, read without the shim, minus the host's. */
    private static Duration kernelSkew(String instance) {
        return offsetOf(instance, "env", "-u", "LD_PRELOAD", "date", "+%s%N");
    }

    private static Duration offsetOf(String instance, String... command) {
        long before = nanos(Instant.now());
        ContainerControl.ExecResult result = ClockTargets.TOPOLOGY.control().run(instance, command);
        long after = nanos(Instant.now());
        assertThat(result.exitCode()).as(instance + ": " + result.stderr()).isZero();
        return Duration.ofNanos(Long.parseLong(result.stdout().strip()) - (before + (after - before) / 2));
    }

    private static Instant httpDate(String instance) throws Exception {
        int port = ClockTargets.TOPOLOGY.control().hostPort(instance, 8080);
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        String date = response.headers().firstValue("Date").orElseThrow();
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
