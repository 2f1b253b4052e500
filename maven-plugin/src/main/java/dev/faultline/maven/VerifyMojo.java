package dev.faultline.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import dev.faultline.engine.run.Verdict;

/**
 * {@code faultline:verify}: fails the build when the suite {@code faultline:run} recorded did not pass, naming each
 * scenario that did not with its verdict, reason and violated objectives. FAILED, ABORTED and invalid scenarios fail
 * it as a failure of the project (MojoFailureException); ERROR and an exit code that is none of the CLI's as a
 * failure of the harness (MojoExecutionException).
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends FaultlineMojo {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String skippedBy = skippedBy();
        if (skippedBy != null) {
            getLog().info("Faultline suite not verified: " + skippedBy + " is set");
            return;
        }
        Path dir = reportDir.toPath();
        if (!Files.isRegularFile(RunRecord.file(dir))) {
            throw new MojoExecutionException("faultline:verify: no record of a Faultline run at "
                    + RunRecord.file(dir) + ": faultline:run writes it (bind both goals, as in <goals><goal>run</goal>"
                    + "<goal>verify</goal></goals>, and run mvn verify), with the same reportDir");
        }
        RunRecord record;
        try {
            record = RunRecord.read(dir);
        } catch (IOException e) {
            throw new MojoExecutionException("faultline:verify: cannot read " + RunRecord.file(dir) + ": "
                    + e.getMessage(), e);
        }
        if (record.exitCode() == Verdict.PASSED.exitCode()) {
            getLog().info("Faultline suite PASSED: " + record.results().size() + " scenario(s), results in " + dir);
            return;
        }
        String message = SuiteOutcome.failure(record);
        boolean harness = record.exitCode() == Verdict.ERROR.exitCode()
                || (SuiteOutcome.verdict(record.exitCode()).isEmpty()
                && record.exitCode() != Verdict.INVALID_INPUT_EXIT);
        if (harness) {
            throw new MojoExecutionException(message);
        }
        throw new MojoFailureException(message);
    }
}
