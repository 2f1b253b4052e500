package dev.faultline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.faultline.engine.yaml.InvalidScenarioException;
import dev.faultline.engine.yaml.ScenarioLoader;

/**
 * The loader, fed arbitrary scenario and topology text, either loads it or throws the one documented error,
 * {@link InvalidScenarioException}: any other exception or error is a finding. The input is the scenario's text, then
 * optionally a line {@value #SPLIT} and the text of the topology file the scenario may name as
 * {@code topologies/t.yaml} (or, from the suite's folder, {@code ../topologies/t.yaml}). Runs as a regression test
 * over {@code LoaderFuzzTestInputs/} by default; {@code mvn verify} fuzzes it for a bounded time (JAZZER_FUZZ=1).
 */
class LoaderFuzzTest {
    static final String SPLIT = "#--- topology";
    private static final ScenarioLoader LOADER = ScenarioLoader.standard();
    /** One folder for every input: {@code scenarios/s.yaml}, its {@code topologies/t.yaml} and a suite's. */
    private static final Path TREE = tree();

    @FuzzTest(maxDuration = "20s")
    void loader(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);
        int split = text.indexOf(SPLIT);
        String scenario = split < 0 ? text : text.substring(0, split);
        String topology = split < 0 ? "" : text.substring(split + SPLIT.length());
        Files.writeString(TREE.resolve("scenarios/topologies/t.yaml"), topology);
        Files.writeString(TREE.resolve("topologies/t.yaml"), topology);
        Path file = TREE.resolve("scenarios/s.yaml");
        Files.writeString(file, scenario);
        loadsOrIsInvalid(() -> LOADER.loadAll(List.of(file)));
        loadsOrIsInvalid(() -> LOADER.load(scenario, file));
    }

    private static void loadsOrIsInvalid(Runnable load) {
        try {
            load.run();
        } catch (InvalidScenarioException e) {
            if (e.problems().isEmpty() || e.getMessage().isBlank()) {
                throw new AssertionError("an InvalidScenarioException without problems", e);
            }
        }
    }

    private static Path tree() {
        try {
            Path tree = Files.createTempDirectory("faultline-fuzz");
            Files.createDirectories(tree.resolve("scenarios/topologies"));
            Files.createDirectories(tree.resolve("topologies"));
            tree.toFile().deleteOnExit();
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
