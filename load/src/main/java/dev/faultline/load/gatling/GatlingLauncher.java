package dev.faultline.load.gatling;

import java.nio.file.Path;
import java.util.Map;

import com.typesafe.config.ConfigFactory;

/**
 * Starts Gatling in this JVM, set up so that it needs nothing from the user: no usage analytics and no warm-up
 * request (both would go to a public address), statistics to its log file only (no console table every 5 s). A
 * setting the user gave as a system property is kept. The JVM needs
 * {@code --add-opens=java.base/java.lang=ALL-UNNAMED} (Gatling's log writer reads String internals): the
 * {@code faultline} launcher, the CLI jar's manifest and the build's test configuration give it.
 */
final class GatlingLauncher {
    static final Map<String, String> SETTINGS = Map.of(
            "gatling.data.enableAnalytics", "false",
            "gatling.http.warmUpUrl", "",
            "gatling.data.writers.0", "file");

    private GatlingLauncher() {
    }

    /** Applies {@link #SETTINGS} (those the user did not set) before Gatling reads its configuration. */
    static synchronized void configure() {
        boolean changed = false;
        for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
            if (System.getProperty(setting.getKey()) == null) {
                System.setProperty(setting.getKey(), setting.getValue());
                changed = true;
            }
        }
        if (changed) {
            ConfigFactory.invalidateCaches();
        }
        if (!opensJavaLang()) {
            throw new IllegalStateException("Gatling needs the JVM option --add-opens=java.base/java.lang=ALL-UNNAMED "
                    + "(the faultline launcher gives it; add it to your own java command or test configuration)");
        }
    }

    /** Runs {@code simulation} to its end; Gatling's status (0 when it ran). */
    static int run(String simulation, Path results, String description) {
        return io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
            "--simulation", simulation,
            "--results-folder", results.toAbsolutePath().toString(),
            "--run-description", description,
        });
    }

    private static boolean opensJavaLang() {
        return String.class.getModule().isOpen("java.lang", GatlingLauncher.class.getModule());
    }
}
