package dev.faultline.injectors.resource;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.faultline.engine.spi.Fault;
import dev.faultline.engine.spi.FaultType;
import dev.faultline.engine.spi.Params;
import dev.faultline.injectors.Formats;

/**
 * Reads {@code type: resource-exhaustion} with {@code resource: cpu|memory|disk|file-descriptors|connections} and
 * {@code level: 100%} (the share of the resource taken; memory may go past 100%, up to 200%); for connections also
 * {@code port}, {@code user}, {@code password} and {@code database} of the store. {@code duration} is required.
 */
public final class ResourceExhaustionType implements FaultType {
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)%");

    @Override
    public String type() {
        return "resource-exhaustion";
    }

    @Override
    public DurationRule durationRule() {
        return DurationRule.REQUIRED;
    }

    @Override
    public Fault configure(Params with, Duration duration) {
        with.allowOnly("resource", "level", "port", "user", "password", "database");
        String id = with.required("resource");
        Resource resource = Resource.byId(id).orElseThrow(() -> with.invalid("resource",
                "expected one of " + Resource.ids() + " but was '" + Formats.shown(id) + "'"));
        double level = level(with, resource);
        if (resource != Resource.CONNECTIONS) {
            for (String key : new String[] {"port", "user", "password", "database"}) {
                if (with.has(key)) {
                    throw with.invalid(key, "only a connections fault takes " + key + "; resource is " + resource.id());
                }
            }
            return new ResourceExhaustion(resource, level, duration, null);
        }
        long port = with.integer("port").orElse((long) StoreLogin.DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            throw with.invalid("port", "expected a port from 1 to 65535 but was " + port);
        }
        StoreLogin login = new StoreLogin((int) port, with.string("user").orElse(null),
                with.string("password").orElse(null), with.string("database").orElse(null));
        return new ResourceExhaustion(resource, level, duration, login);
    }

    /** {@code 100%}, {@code 95%}, {@code 12.5%}: greater than 0, at most the resource's highest level. */
    private static double level(Params with, Resource resource) {
        String text = with.required("level").trim();
        Matcher m = PERCENT.matcher(text);
        double percent = m.matches() ? Double.parseDouble(m.group(1)) : -1;
        double max = resource.maxLevel() * 100;
        if (!(percent > 0 && percent <= max)) {
            throw with.invalid("level", "expected a percentage greater than 0% and at most " + Math.round(max)
                    + "% (the share of " + resource.id() + " to take, e.g. 100%) but was '" + Formats.shown(text) + "'");
        }
        return percent / 100;
    }

}
