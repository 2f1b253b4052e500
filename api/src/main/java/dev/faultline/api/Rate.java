package dev.faultline.api;

/**
 * Events per unit of time as a scenario writes it: {@code 20/s}, {@code 600/m}. Whether it fits the field (greater
 * than 0) is checked when the scenario is built, with the message a scenario file gets.
 *
 * <pre>{@code
 * Load.ledger(Rate.perSecond(20), ofSeconds(30))
 * }</pre>
 */
public final class Rate {
    private final double count;
    private final String unit;

    private Rate(double count, String unit) {
        if (Double.isNaN(count) || Double.isInfinite(count)) {
            throw new IllegalArgumentException("a rate must be a finite number, but was " + count);
        }
        this.count = count;
        this.unit = unit;
    }

    /** {@code count} a second: {@code 20/s}. */
    public static Rate perSecond(double count) {
        return new Rate(count, "s");
    }

    /** {@code count} a minute: {@code 600/m}. */
    public static Rate perMinute(double count) {
        return new Rate(count, "m");
    }

    /** {@code count} an hour: {@code 60/h}. */
    public static Rate perHour(double count) {
        return new Rate(count, "h");
    }

    /** As the scenario format writes it: {@code 20/s}. */
    public String text() {
        return Percent.number(count) + "/" + unit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rate other && text().equals(other.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
