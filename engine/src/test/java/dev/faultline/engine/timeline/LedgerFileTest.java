package dev.faultline.engine.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ledger.jsonl}: every work item, written whole and read back as it was. */
class LedgerFileTest {

    @Test
    void aSavedLedgerReadsBackItemForItem(@TempDir Path dir) throws IOException {
        Ledger ledger = new Ledger();
        ledger.submitted("t-1", 100);
        ledger.answered("t-1", 114, 202, null);
        ledger.submitted("t-2", 150);
        ledger.answered("t-2", 650, -1, "timed out");
        ledger.submitted("t-3", 200);
        ledger.completions(Map.of("t-1", 2, "ghost", 1), 900);

        LedgerFile.write(ledger, dir);
        Ledger saved = LedgerFile.read(dir.resolve(LedgerFile.NAME));

        assertThat(saved).containsExactlyElementsOf(ledger);
        assertThat(saved.unknownCompletions()).containsExactly(Map.entry("ghost", 1));
    }

    @Test
    void aSavedLedgerIsIteratedWhereItLiesAsOftenAsAsked(@TempDir Path dir) throws IOException {
        Ledger ledger = new Ledger();
        for (int seq = 1; seq <= 1_000; seq++) {
            ledger.submitted(Ledger.driverId("r", seq), seq);
            ledger.answered(Ledger.driverId("r", seq), seq + 3, seq % 10 == 0 ? -1 : 202,
                    seq % 10 == 0 ? "timed out" : null);
        }
        ledger.completions(Map.of("r-000002", 1, "ghost", 1), 900);
        LedgerFile.write(ledger, dir);

        LedgerFile.Saved saved = new LedgerFile.Saved(dir.resolve(LedgerFile.NAME));

        assertThat(saved).containsExactlyElementsOf(ledger);
        assertThat(saved).containsExactlyElementsOf(ledger);
        assertThat(LedgerFile.Saved.none()).isEmpty();
    }

    @Test
    void aDamagedLineEndsTheIterationOfASavedLedgerNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(LedgerFile.NAME);
        Files.writeString(file, "{\"id\":\"t-1\",\"sentAtMs\":1}\n{\"sentAtMs\":2}\n");

        assertThatThrownBy(() -> new LedgerFile.Saved(file).forEach(item -> { }))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageEndingWith(file + ":2 id: expected text");
    }

    @Test
    void eachItemIsOneLineWithItsFiguresNamed(@TempDir Path dir) throws IOException {
        Ledger ledger = new Ledger();
        ledger.submitted("t-1", 100);
        ledger.answered("t-1", 114, 202, null);
        ledger.completions(Map.of("t-1", 1), 900);

        LedgerFile.write(ledger, dir);

        assertThat(Files.readAllLines(dir.resolve(LedgerFile.NAME))).containsExactly("{\"id\":\"t-1\",\"sentAtMs\":100,"
                + "\"answeredAtMs\":114,\"status\":202,\"accepted\":true,\"latencyMs\":14,\"completions\":1,"
                + "\"completedAtMs\":900}");
    }

    @Test
    void aDamagedLineIsAnErrorNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(LedgerFile.NAME);
        Files.writeString(file, "{\"id\":\"t-1\",\"sentAtMs\":1}\n{\"id\":\n");

        assertThatThrownBy(() -> LedgerFile.read(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ":2: not a JSON object");
    }
}
