package dev.faultline.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.faultline.engine.io.AtomicFile;

/**
 * What {@code faultline:run} leaves for {@code faultline:verify} in {@code <reportDir>/faultline-run.json}: the CLI's
 * exit code, the scenario paths it was given and the result folders this run wrote, in the order they ended.
 *
 * @param exitCode       the CLI's exit code (docs/scenario-format.md, "Verdicts and exit codes")
 * @param scenarios      the scenario files and folders, as configured
 * @param results        the folders ({@code <reportDir>/<scenario>/}) whose {@code result.json} this run wrote
 * @param errors         the last {@link #KEPT_ERRORS} lines the CLI wrote to stderr (a harness error's reason)
 * @param startedAt      when the CLI was started
 * @param finishedAt     when it ended
 * @param timeoutSeconds the timeout that stopped the suite, or null when it ended by itself
 */
record RunRecord(int exitCode, List<String> scenarios, List<Path> results, List<String> errors, Instant startedAt,
                 Instant finishedAt, Integer timeoutSeconds) {
    static final String FILE_NAME = "faultline-run.json";
    static final int KEPT_ERRORS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    RunRecord {
        scenarios = List.copyOf(scenarios);
        results = List.copyOf(results);
        errors = List.copyOf(errors.subList(Math.max(0, errors.size() - KEPT_ERRORS), errors.size()));
    }

    static Path file(Path reportDir) {
        return reportDir.resolve(FILE_NAME);
    }

    /**
     * The folders under {@code reportDir} whose {@code result.json} was written since {@code since}, oldest first;
     * not those an earlier run left. Times are compared to the second (file systems that keep no finer time).
     */
    static List<Path> resultsWrittenSince(Path reportDir, Instant since) throws IOException {
        if (!Files.isDirectory(reportDir)) {
            return List.of();
        }
        FileTime from = FileTime.from(since.truncatedTo(ChronoUnit.SECONDS));
        List<Path> written = new ArrayList<>();
        try (Stream<Path> folders = Files.list(reportDir)) {
            for (Path folder : folders.sorted().toList()) {
                Path result = folder.resolve("result.json");
                if (Files.isRegularFile(result) && Files.getLastModifiedTime(result).compareTo(from) >= 0) {
                    written.add(folder);
                }
            }
        }
        written.sort(Comparator.comparing(RunRecord::resultTime));
        return written;
    }

    void write(Path reportDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("exitCode", exitCode);
        root.put("outcome", SuiteOutcome.name(exitCode));
        scenarios.forEach(root.putArray("scenarios")::add);
        ArrayNode written = root.putArray("results");
        results.forEach(r -> written.add(r.toString()));
        errors.forEach(root.putArray("errors")::add);
        root.put("startedAt", startedAt.toString());
        root.put("finishedAt", finishedAt.toString());
        if (timeoutSeconds == null) {
            root.putNull("timeoutSeconds");
        } else {
            root.put("timeoutSeconds", timeoutSeconds);
        }
        Files.createDirectories(reportDir);
        AtomicFile.writeString(file(reportDir), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** The record in {@code reportDir}; an IOException says what is wrong with it. */
    static RunRecord read(Path reportDir) throws IOException {
        Path file = file(reportDir);
        JsonNode root = JSON.readTree(file.toFile());
        try {
            List<String> scenarios = new ArrayList<>();
            root.path("scenarios").forEach(s -> scenarios.add(s.asText()));
            List<Path> results = new ArrayList<>();
            root.path("results").forEach(r -> results.add(Path.of(r.asText())));
            List<String> errors = new ArrayList<>();
            root.path("errors").forEach(e -> errors.add(e.asText()));
            JsonNode timeout = root.path("timeoutSeconds");
            return new RunRecord(root.required("exitCode").asInt(), scenarios, results, errors,
                    Instant.parse(root.required("startedAt").asText()), Instant.parse(root.required("finishedAt").asText()),
                    timeout.isNumber() ? timeout.asInt() : null);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(file + " is not a record of faultline:run: " + e.getMessage(), e);
        }
    }

    private static FileTime resultTime(Path folder) {
        try {
            return Files.getLastModifiedTime(folder.resolve("result.json"));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
