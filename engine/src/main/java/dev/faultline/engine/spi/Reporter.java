package dev.faultline.engine.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import dev.faultline.engine.run.RunResult;

/**
 * Writes one run's result somewhere ({@code result.json}, HTML, ...); found through ServiceLoader. When a run ends,
 * the run's folder already holds its two facts, {@code timeline.jsonl} and {@code ledger.jsonl}; reporters then
 * run in ascending {@link #order()}.
 */
public interface Reporter {
    /** Reporters that save the run's figures ({@code result.json}) have this order. */
    int SAVES_RESULTS = 0;
    /** Reporters built from the saved files alone (so they can be rebuilt later) have this order or a higher one. */
    int READS_SAVED_RESULTS = 100;

    String name();

    /** When this reporter runs among the others: {@link #SAVES_RESULTS} (the default) or {@link #READS_SAVED_RESULTS}. */
    default int order() {
        return SAVES_RESULTS;
    }

    /**
     * The names of the files and folders this reporter writes into a run's folder ({@code result.json}): the next run
     * of the scenario moves them, and nothing else, to {@code history/}.
     */
    default Set<String> files() {
        return Set.of();
    }

    /** Writes into {@code dir} (the run's folder, which exists). Must not change anything it did not create. */
    void write(RunResult result, Path dir) throws IOException;
}
