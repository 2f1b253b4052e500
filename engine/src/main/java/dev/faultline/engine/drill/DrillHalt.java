package dev.faultline.engine.drill;

import dev.faultline.engine.model.HaltCondition;
import dev.faultline.engine.run.Verdict;

/**
 * What halts a drill as a whole ({@code halt-when} of a drill file). A halted drill runs no further scenario and
 * ends ABORTED, naming the condition.
 */
public sealed interface DrillHalt {
    /**
     * {@code - probe: api-ready, failing-for: 30s}: added to the halt-when of every scenario of the drill (each must
     * have that probe); a scenario it halts ends ABORTED and so does the drill.
     */
    record ProbeFailing(HaltCondition condition) implements DrillHalt {
    }

    /** {@code - verdict: FAILED}: the drill stops after a scenario ends with this verdict or a worse one. */
    record VerdictAtLeast(Verdict verdict) implements DrillHalt {
    }

    /** {@code - failed-scenarios: 2}: the drill stops once this many scenarios did not pass. */
    record FailedScenarios(int count) implements DrillHalt {
        public FailedScenarios {
            if (count < 1) {
                throw new IllegalArgumentException("failed-scenarios must be at least 1, but was " + count);
            }
        }
    }
}
