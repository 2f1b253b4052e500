package dev.faultline.reports.suite;

/**
 * A measured figure as the suite's reports show it, with the objective it was judged against.
 *
 * @param actual    the figure as text ({@link Figures#NONE} when not measured)
 * @param objective the bound it had to hold (the check's {@code expected}), or null when nothing judged it
 * @param met       whether it held, or null when nothing judged it
 */
record Judged(String actual, String objective, Boolean met) {
    static Judged unjudged(String actual) {
        return new Judged(actual, null, null);
    }

    boolean violated() {
        return Boolean.FALSE.equals(met);
    }
}
