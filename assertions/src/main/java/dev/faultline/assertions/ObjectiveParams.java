package dev.faultline.assertions;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.faultline.engine.model.Excerpt;
import dev.faultline.engine.model.Topology;
import dev.faultline.engine.spi.Params;

/** Checks shared by the objective types; every failure names the key and what was found. */
final class ObjectiveParams {
    private ObjectiveParams() {
    }

    static Optional<Long> notNegative(Params params, String key) {
        Optional<Long> value = params.integer(key);
        if (value.isPresent() && value.get() < 0) {
            throw params.invalid(key, "must be 0 or more, but was " + value.get());
        }
        return value;
    }

    static Optional<Duration> notNegativeDuration(Params params, String key) {
        Optional<Duration> value = params.duration(key);
        if (value.isPresent() && value.get().isNegative()) {
            throw params.invalid(key, "must not be negative, but was " + value.get());
        }
        return value;
    }

    /** A list of service names, each a service of the topology. */
    static Optional<List<String>> services(Params params, String key, Topology topology) {
        Optional<List<String>> names = params.strings(key);
        names.ifPresent(list -> {
            for (String name : list) {
                if (!topology.services().containsKey(name)) {
                    throw params.invalid(key, "no service '" + Excerpt.of(name) + "' in topology " + topology.name()
                            + "; services: " + Figures.names(topology.services().keySet()));
                }
            }
        });
        return names;
    }
}
