package dev.faultline.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.measure.FaultMeasure;
import dev.faultline.engine.measure.SamplingMeasure;

/**
 * Reads what the benchmark checks from a run's {@code result.json}, as a user of Faultline would: the bounds of the
 * fault's figures ({@code faults[].timeToDetectBoundMs}, {@code recoveryBoundMs}, {@code outageBoundMs}) and the
 * probe load ({@code sampling.probeSamples}, {@code extraProbes}, {@code extraProbesPerSecond}).
 *
 * <p>A field that is there with {@code null} is a bound the harness did not know, and stays null. A field that is
 * not there at all (a harness whose JSON reporter does not write it yet) is taken from the run's in-memory
 * measurements instead, and the source says so: the per-run line and the JSON show it, nothing is filled silently.
 */
final class ResultBounds {
    static final String FILE = "result.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultBounds() {
    }

    static RunFigures.Bounds bounds(Path runDir, String fault, FaultMeasure inMemory) {
        JsonNode f;
        try {
            f = faultNode(read(runDir), fault);
        } catch (IOException | IllegalStateException e) {
            return new RunFigures.Bounds(inMemory.timeToDetectBoundMs(), inMemory.recoveryBoundMs(),
                    inMemory.outageBoundMs(), "in-memory measurements (" + e.getMessage() + ")");
        }
        boolean all = f.has("timeToDetectBoundMs") && f.has("recoveryBoundMs") && f.has("outageBoundMs");
        if (!all) {
            return new RunFigures.Bounds(inMemory.timeToDetectBoundMs(), inMemory.recoveryBoundMs(),
                    inMemory.outageBoundMs(), "in-memory measurements (" + FILE + " has no faults[].*BoundMs)");
        }
        return new RunFigures.Bounds(whole(f, "timeToDetectBoundMs"), whole(f, "recoveryBoundMs"),
                whole(f, "outageBoundMs"), RunFigures.Bounds.RESULT_JSON);
    }

    static RunFigures.Sampling sampling(Path runDir, SamplingMeasure inMemory) {
        JsonNode s;
        try {
            s = read(runDir).path("sampling");
        } catch (IOException | IllegalStateException e) {
            return fromMemory(inMemory, e.getMessage());
        }
        if (!s.has("probeSamples") || !s.has("extraProbes") || !s.has("extraProbesPerSecond")) {
            return fromMemory(inMemory, FILE + " has no sampling.extraProbes");
        }
        return new RunFigures.Sampling(s.get("probeSamples").asLong(), s.get("extraProbes").asLong(),
                s.get("extraProbesPerSecond").asDouble(), RunFigures.Bounds.RESULT_JSON);
    }

    private static RunFigures.Sampling fromMemory(SamplingMeasure m, String why) {
        return new RunFigures.Sampling(m.probeSamples(), m.extraProbes(), m.extraProbesPerSecond(),
                "in-memory measurements (" + why + ")");
    }

    private static JsonNode read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + file);
        }
        return JSON.readTree(file.toFile());
    }

    private static JsonNode faultNode(JsonNode root, String fault) {
        for (JsonNode f : root.path("faults")) {
            if (fault.equals(f.path("name").asText())) {
                return f;
            }
        }
        throw new IllegalStateException(FILE + " has no fault named '" + fault + "'");
    }

    private static Long whole(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalStateException(FILE + ": " + field + " expected a whole number of ms but was " + v);
        }
        return v.asLong();
    }
}
