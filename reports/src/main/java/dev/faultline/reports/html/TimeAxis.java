package dev.faultline.reports.html;

import java.util.ArrayList;
import java.util.List;

/**
 * The chart's shared time axis: milliseconds since the run started, from 0 to {@code spanMs}, drawn over
 * {@code width} units from {@code left}. Ticks are a round step apart, at most {@link #MAX_TICKS} of them.
 */
record TimeAxis(double left, double width, long spanMs) {
    static final int MAX_TICKS = 12;
    private static final long[] STEPS_MS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
        600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};
    private static final long MINUTE_MS = 60_000;

    TimeAxis {
        if (spanMs <= 0) {
            throw new IllegalArgumentException("spanMs must be > 0 but was " + spanMs);
        }
    }

    /** Where {@code ms} is drawn (clamped to the axis). */
    double x(long ms) {
        return left + width * Math.max(0, Math.min(ms, spanMs)) / spanMs;
    }

    /** How many milliseconds one unit of the drawing covers. */
    double msPerUnit() {
        return (double) spanMs / width;
    }

    /** The tick step: the smallest round step that keeps the ticks at or below {@link #MAX_TICKS}. */
    long tickStepMs() {
        for (long step : STEPS_MS) {
            if (spanMs / step <= MAX_TICKS) {
                return step;
            }
        }
        return STEPS_MS[STEPS_MS.length - 1];
    }

    List<Long> ticks() {
        List<Long> ticks = new ArrayList<>();
        long step = tickStepMs();
        for (long t = 0; t <= spanMs; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    /** A tick's text: seconds ({@code 20s}) while the step is below a minute, else minutes ({@code 10m}). */
    String tickLabel(long ms) {
        return tickStepMs() < MINUTE_MS ? ms / 1000 + "s" : ms / MINUTE_MS + "m";
    }

    /** What the tick labels count. */
    String unit() {
        return tickStepMs() < MINUTE_MS ? "seconds since run start" : "minutes since run start";
    }
}
