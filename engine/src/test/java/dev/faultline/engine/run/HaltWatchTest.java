package dev.faultline.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.timeline.Lane;
import dev.faultline.engine.timeline.TimelineEvent;

class HaltWatchTest {
    private final List<String> halts = new ArrayList<>();
    private final HaltWatch watch = new HaltWatch(List.of(new HaltCondition("api", Duration.ofMillis(300))),
            (probe, why, at) -> halts.add(probe + "@" + at));

    private void sample(String probe, long t, boolean ok) {
        watch.accept(new TimelineEvent.Sample(t, Lane.probe(probe), ok, ok ? 200 : 0, 1, ""));
    }

    @Test
    void firesOnceWhenTheProbeHasFailedForFailingFor() {
        sample("api", 0, true);
        for (long t = 100; t <= 600; t += 100) {
            sample("api", t, false);
        }

        assertThat(halts).containsExactly("api@400"); // first failing at 100, plus 300 ms
    }

    @Test
    void aPassingSampleBreaksTheStreak() {
        sample("api", 100, false);
        sample("api", 200, false);
        sample("api", 300, true);
        sample("api", 400, false);
        sample("api", 600, false);

        assertThat(halts).isEmpty();
        sample("api", 700, false);
        assertThat(halts).containsExactly("api@700");
    }

    @Test
    void aLateArrivingEarlierPassDoesNotBreakALaterStreak() {
        // a pass sent at 50 is answered after failures sent at 100 and 200 timed out
        sample("api", 100, false);
        sample("api", 200, false);
        sample("api", 50, true);
        sample("api", 400, false);

        assertThat(halts).containsExactly("api@400");
    }

    @Test
    void aLateArrivingPassInsideTheStreakBreaksIt() {
        sample("api", 100, false);
        sample("api", 300, false);
        sample("api", 200, true); // sent at 200, answered late: the probe did pass then
        sample("api", 400, false);

        assertThat(halts).isEmpty();
    }

    @Test
    void aPassSentBeforeAFailureOfTheStreakAndAnsweredAfterItBreaksNothing() {
        sample("api", 100, false);
        sample("api", 200, false);
        watch.accept(new TimelineEvent.Sample(50, Lane.probe("api"), true, 200, 200, "")); // answered at 250
        sample("api", 400, false);

        assertThat(halts).containsExactly("api@400");
    }

    @Test
    void otherProbesAndHealthLanesAreIgnored() {
        for (long t = 0; t <= 1000; t += 100) {
            sample("other", t, false);
            watch.accept(new TimelineEvent.Sample(t, Lane.health("api"), false, 0, 1, ""));
        }

        assertThat(halts).isEmpty();
    }
}
