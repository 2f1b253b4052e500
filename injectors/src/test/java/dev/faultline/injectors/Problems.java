package dev.faultline.injectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.Problem;

/** Checks the one problem a configure call reports, its field path and message word for word. */
public final class Problems {
    private Problems() {
    }

    public static void assertOneProblem(ThrowingCallable configure, String path, String message) {
        InvalidScenarioException e = catchThrowableOfType(InvalidScenarioException.class, configure);
        assertThat(e).as("an InvalidScenarioException").isNotNull();
        assertThat(e.problems()).hasSize(1);
        Problem problem = e.problems().get(0);
        assertThat(problem.path()).isEqualTo(path);
        assertThat(problem.message()).isEqualTo(message);
    }
}
