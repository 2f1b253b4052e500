package dev.faultline.api;


/**
 * An objective section by name with its fields, for a team's own objective types or a field the typed classes do
 * not cover: {@code Objectives.of("connections").with("service", "postgres").with("peak-rate", "<= 10/s")}.
 */
public final class CustomObjective extends SectionObjective {
    CustomObjective(String section, Settings fields) {
        super(section, fields);
    }

    /** One more field, as a scenario file would give it (typed values of this package as the format writes them). */
    public CustomObjective with(String key, Object value) {
        return new CustomObjective(section(), fields.with(key, Values.plain(value)));
    }
}
