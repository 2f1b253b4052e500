package dev.faultline.engine.spi;

import java.io.IOException;
import java.nio.file.Path;

import dev.faultline.engine.run.RunResult;

/** Writes one run's result somewhere ({@code result.json}, HTML, ...); found through ServiceLoader. */
public interface Reporter {
    String name();

    /** Writes into {@code dir} (the run's folder, which exists). Must not change anything it did not create. */
    void write(RunResult result, Path dir) throws IOException;
}
