package dev.faultline.reports.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.stream.XMLStreamException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The head of a drill's suite report: when {@code drill.json} lies beside the suite's reports (a drill's run wrote
 * it), the drill's name, run, verdict and reason, and each regression bound it was judged against, broken ones first.
 * A suite that was no drill, or a {@code drill.json} that cannot be read, shows nothing here.
 */
final class DrillBanner {
    static final String FILE = "drill.json";
    static final String CSS = String.join("\n",
            ".drill{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;margin:0 0 16px}",
            ".drill .headline{font-weight:600}",
            ".drill ul{margin:4px 0 0;padding-left:18px;font-size:13px}",
            ".drill li.broken{color:#cf222e;font-weight:600}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DrillBanner() {
    }

    static void write(Xml x, Path suiteDir) throws XMLStreamException {
        JsonNode drill = read(suiteDir.resolve(FILE));
        if (drill == null) {
            return;
        }
        String verdict = drill.path("verdict").asText("");
        x.line().start("section", "class", "drill verdict-" + verdict);
        x.line().start("div", "class", "headline").text("Drill " + drill.path("drill").asText("?") + ", run "
                + drill.path("drill-run").asText("?") + ": ");
        x.leaf("span", verdict, "class", verdict.equals("PASSED") ? "met" : "violated").end();
        x.line().leaf("div", drill.path("reason").asText(""), "class", "reason");
        JsonNode checks = drill.path("regression");
        if (checks.isArray() && !checks.isEmpty()) {
            x.line().start("ul");
            for (boolean broken : new boolean[] {true, false}) {
                for (JsonNode c : checks) {
                    if (c.path("met").asBoolean(true) != broken) {
                        x.line().leaf("li", (broken ? "BROKEN: " : "ok: ") + c.path("message").asText(""),
                                "class", broken ? "broken" : "held");
                    }
                }
            }
            x.endBlock();
        }
        x.endBlock();
    }

    private static JsonNode read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > 1_000_000) {
                return null;
            }
            JsonNode node = JSON.readTree(file.toFile());
            return node != null && node.isObject() && node.has("drill") ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
