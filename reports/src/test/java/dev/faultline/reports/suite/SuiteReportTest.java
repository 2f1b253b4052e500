package dev.faultline.reports.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.faultline.reports.Reports;

class SuiteReportTest {
    @TempDir
    Path tmp;

    @Test
    void writingAgainReplacesEachFileAndLeavesNoTemporaryFileBehind() throws Exception {
        Path suiteDir = tmp.resolve("suite");
        SuiteReport.write(List.of(ResultFile.passed("alpha-scenario").saveIn(tmp.resolve("alpha-scenario"))), suiteDir, name -> null);

        SuiteReport.write(List.of(ResultFile.passed("omega-scenario").saveIn(tmp.resolve("omega-scenario"))), suiteDir, name -> null);

        try (var files = Files.list(suiteDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(SuiteReport.INDEX, SuiteReport.SUMMARY, SuiteReport.JUNIT);
        }
        for (String file : List.of(SuiteReport.INDEX, SuiteReport.SUMMARY, SuiteReport.JUNIT)) {
            assertThat(Files.readString(suiteDir.resolve(file))).as(file).contains("omega-scenario").doesNotContain("alpha-scenario");
        }
    }

    @Test
    void aSuiteOfNoRunsIsRefusedWithoutWritingAnything() {
        Path suiteDir = tmp.resolve("suite");

        assertThatThrownBy(() -> Reports.writeSuite(List.of(), suiteDir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a suite report needs at least one saved run, but was given none");
        assertThat(suiteDir.resolve(SuiteReport.INDEX)).doesNotExist();
    }
}
