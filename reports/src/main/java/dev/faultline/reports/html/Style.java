package dev.faultline.reports.html;

/** The page's inline style sheet: system fonts only, nothing fetched. */
final class Style {
    static final String CSS = """

            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
              margin: 0 auto; padding: 16px 24px 32px; max-width: 1280px; color: #1d2329; background: #fff;
              font-size: 14px; line-height: 1.4; }
            h1 { font-size: 22px; margin: 8px 0 6px; display: flex; align-items: center; gap: 12px;
              flex-wrap: wrap; overflow-wrap: anywhere; }
            h2 { font-size: 17px; margin: 26px 0 8px; border-bottom: 1px solid #e3e6e9; padding-bottom: 4px; }
            .badge { font-size: 13px; font-weight: 700; letter-spacing: .05em; color: #fff; padding: 3px 10px;
              border-radius: 12px; }
            .badge.passed { background: #2e7d32; } .badge.failed { background: #c62828; }
            .badge.aborted { background: #e67e00; } .badge.error { background: #6a1b9a; }
            #description { margin: 4px 0; color: #44505c; }
            .reason { margin: 6px 0; padding: 6px 10px; background: #f6f7f8; border-left: 4px solid #9aa5b1;
              overflow-wrap: anywhere; }
            .chart { border: 1px solid #e3e6e9; border-radius: 4px; padding: 4px 0; }
            .chart svg { display: block; font-size: 11px; }
            .chart text { fill: #33404d; }
            .chart .label { font-size: 11.5px; }
            .chart .axis text, .chart .scale { fill: #5b6773; font-size: 10.5px; }
            .chart .axis-unit { font-style: italic; }
            .chart .phase-label { font-size: 9px; fill: #33404d; }
            .chart .note { fill: #7a8691; font-style: italic; }
            .grid line { stroke: #e8ebee; stroke-width: 1; }
            .lane-bg { fill: #f1f3f5; }
            .healthy { fill: #9fd8a6; } .failing { fill: #d9433b; } .mixed { fill: #ef9a52; }
            .fault-window { fill-opacity: .13; pointer-events: none; }
            .fault-bar { fill-opacity: .85; }
            .detect { fill: #7b4fc9; } .recovery { fill: #1b9aaa; }
            .recovery-missing { stroke: #c0392b; stroke-width: .8; }
            .bound line { stroke: #1d2329; stroke-width: 1.3; }
            .loss-window { fill-opacity: .45; stroke: #c0392b; stroke-width: .6; }
            .hair { stroke: #33404d; stroke-width: .8; stroke-opacity: .55; }
            .panel { fill: #fbfcfd; stroke: #e3e6e9; stroke-width: 1; }
            .panel-max { stroke: #e3e6e9; stroke-dasharray: 3 3; }
            .accepted { fill: #5b8bd0; } .errors { fill: #d9433b; } .attempts { fill: #8e6cc0; }
            .driver-ok { fill: #3f9b8f; } .driver-ko { fill: #e0664f; }
            polyline.p50, polyline.p95, polyline.p99 { fill: none; stroke-width: 1.5; stroke-linejoin: round; }
            polyline.p50 { stroke: #2f62b3; } polyline.p95 { stroke: #e08a1e; } polyline.p99 { stroke: #a32a2a; }
            .hit { fill: transparent; }
            .hit:hover { fill: rgba(40, 60, 90, .08); }
            .legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap;
              gap: 4px 16px; font-size: 12.5px; color: #44505c; }
            .legend li { display: flex; align-items: center; gap: 5px; }
            .legend .sw { width: 12px; height: 12px; display: inline-block; flex: none; }
            .legend .hint { font-style: italic; color: #7a8691; }
            table { border-collapse: collapse; margin: 4px 0; font-size: 13.5px; }
            th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #eef0f2;
              vertical-align: top; overflow-wrap: anywhere; }
            thead th { color: #5b6773; font-weight: 600; border-bottom: 1px solid #d5dade; }
            table.figures th { font-weight: 600; color: #44505c; min-width: 170px; }
            tr.unmet td { background: #fdecea; } tr.unmet .met-cell { color: #b71c1c; font-weight: 700; }
            tr.met .met-cell { color: #2e7d32; }
            tr.probe-figures td { color: #5b6773; font-size: 12.5px; border-bottom-style: dashed; }
            .met-cell, #faults td[data-figure], #load td { white-space: nowrap; }
            td[data-figure="lost-ids"], td[data-figure="duplicated-ids"], td[data-figure="run"] {
              font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
            .note { color: #5b6773; font-size: 12.5px; }
            footer { margin-top: 28px; color: #7a8691; font-size: 12px; }
            """;

    private Style() {
    }
}
