package dev.faultline.reports.suite;

import java.util.List;
import java.util.Locale;

import dev.faultline.engine.run.Verdict;
import dev.faultline.reports.saved.SavedFault;
import dev.faultline.reports.saved.SavedRun;

/**
 * {@code summary.md}: the suite in GitHub-flavoured Markdown, compact enough for a CI job summary. A line of totals,
 * a table with one row per scenario worst first (slowest detection and RTO, RPO, lost, duplicated, verdict, reason),
 * then a table with one row per fault (time to detect, RTO against its objective). No emoji: a violated figure is
 * marked {@code **VIOLATED**}, a met one {@code ok}, a verdict other than PASSED is bold.
 */
final class SummaryMarkdown {
    static final String NAME = "summary.md";
    /** Longest reason shown, in characters; a longer one is cut and ends with "…". */
    static final int REASON_CAP = 240;

    private SummaryMarkdown() {
    }

    static String render(List<SavedRun> runs) {
        List<SavedRun> sorted = Figures.worstFirst(runs);
        StringBuilder md = new StringBuilder();
        md.append("### Faultline: ").append(IndexHtml.headline(sorted)).append("\n\n");
        md.append(runs.size()).append(runs.size() == 1 ? " scenario: " : " scenarios: ");
        md.append(String.join(", ", List.of(Verdict.PASSED, Verdict.FAILED, Verdict.ABORTED, Verdict.ERROR).stream()
                .map(v -> Figures.count(sorted, v) + " " + v.name().toLowerCase(Locale.ROOT)).toList()));
        md.append("\n\n");
        md.append("| Scenario | Verdict | Detect | RTO | RPO | Lost | Dupl | Reason |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (SavedRun run : sorted) {
            row(md, cell(run.scenario()), verdict(run.verdict()), cell(Figures.slowestDetect(run)),
                    judged(Figures.slowestRecovery(run)), judged(Figures.rpo(run)), judged(Figures.lost(run)),
                    judged(Figures.duplicated(run)), cell(cap(run.reason())));
        }
        if (sorted.stream().anyMatch(r -> !r.faults().isEmpty())) {
            md.append("\n#### Faults\n\n");
            md.append("| Scenario | Fault | Target | Detect | RTO |\n");
            md.append("|---|---|---|---:|---:|\n");
            for (SavedRun run : sorted) {
                for (SavedFault f : run.faults()) {
                    row(md, cell(run.scenario()), cell(f.name()), cell(Figures.what(f)), cell(Figures.detect(f)),
                            judged(Figures.recovery(run, f)));
                }
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String verdict(Verdict v) {
        return v == Verdict.PASSED ? v.name() : "**" + v.name() + "**";
    }

    /** {@code 643ms (<= 0s) **VIOLATED**}, {@code 2.98s (<= 15s) ok}, or the figure alone when nothing judged it. */
    private static String judged(Judged j) {
        StringBuilder sb = new StringBuilder(cell(j.actual()));
        if (j.objective() != null) {
            sb.append(" (").append(cell(j.objective())).append(')');
        }
        if (j.met() != null) {
            sb.append(j.met() ? " ok" : " **VIOLATED**");
        }
        return sb.toString();
    }

    /** {@code text} cut to {@link #REASON_CAP} characters, ending with "…" when cut. */
    static String cap(String text) {
        if (text.length() <= REASON_CAP) {
            return text;
        }
        int end = REASON_CAP - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /**
     * {@code text} safe in a table cell: on one line, with the characters that would end the cell or start markup
     * escaped ({@code |}, {@code \}, {@code `}, {@code *}; {@code _} at a word's edge; {@code ]} where it could close
     * a link's text, {@code <} where it could open an HTML tag or an autolink); {@code <= 15s} and {@code worker[0]}
     * stay as they are.
     */
    static String cell(String text) {
        String oneLine = text.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').strip();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < oneLine.length(); i++) {
            char c = oneLine.charAt(i);
            char next = i + 1 < oneLine.length() ? oneLine.charAt(i + 1) : ' ';
            if ("|\\`*".indexOf(c) >= 0 || c == '_' && wordBoundary(oneLine, i)
                    || c == ']' && (next == '(' || next == '[')
                    || c == '<' && (Character.isLetter(next) || "/!?".indexOf(next) >= 0)) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.length() == 0 ? " " : sb.toString();
    }

    /** Whether an {@code _} at {@code i} could open or close emphasis (GitHub ignores one inside a word). */
    private static boolean wordBoundary(String s, int i) {
        boolean before = i > 0 && Character.isLetterOrDigit(s.charAt(i - 1));
        boolean after = i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1));
        return !(before && after);
    }
}
