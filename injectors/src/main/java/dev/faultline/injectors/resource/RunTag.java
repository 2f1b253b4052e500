package dev.faultline.injectors.resource;

import java.util.Locale;

import dev.faultline.engine.spi.FaultContext;

/**
 * What names one run's squeeze where the target can see it (the tool's directory and processes, the held
 * connections' application name): the fault's name and its run's seed, e.g. {@code fill-disk-0123abcd}. Unique per
 * fault and run, and safe on a command line.
 */
public final class RunTag {
    private RunTag() {
    }

    public static String of(FaultContext context) {
        String name = context.spec().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (name.length() > 30) {
            name = name.substring(0, 30);
        }
        return name + "-" + String.format("%08x", (int) (context.seed() ^ (context.seed() >>> 32)));
    }
}
