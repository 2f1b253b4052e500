package dev.faultline.agents;

import java.io.IOException;
import java.security.Security;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the reference agent: {@code AGENT_ROLE=orchestrator|worker java -jar faultline-agent.jar}.
 *
 * <p>Exit codes: 2 for invalid configuration (every problem is printed), 1 when the HTTP port cannot be bound.
 * Unreachable broker or store never end the process. SIGTERM stops it cleanly through a shutdown hook.
 */
public final class AgentMain {
    private AgentMain() {}

    public static void main(String[] args) throws Exception {
        // Before the first name lookup: resolve the broker's and the store's names afresh on every reconnect. A container
        // restarted under the same name has a new IP; the JVM would otherwise keep the old one (or "unknown host", from
        // while it was stopped) for up to 30 s (10 s).
        Security.setProperty("networkaddress.cache.ttl", "1");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getenv().getOrDefault("LOG_LEVEL", "info").toLowerCase(Locale.ROOT));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");

        if (args.length == 1 && args[0].equals("--warm-up")) {
            WarmUp.run();
            System.exit(0);
        }

        AgentConfig config;
        try {
            config = AgentConfig.fromEnvironment();
        } catch (InvalidConfigException e) {
            System.err.println("faultline-agent: invalid configuration:");
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(2);
            return;
        }

        Logger log = LoggerFactory.getLogger(AgentMain.class);
        StallWatch.startIf(System.getenv("AGENT_STALL_WATCH")); // before the start: a stall while binding shows too
        Agent agent;
        try {
            agent = Agent.start(config);
        } catch (IOException e) {
            System.err.println("faultline-agent: cannot serve HTTP on port " + config.httpPort() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "shutdown"));
        long sinceJvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        log.info("{} serving on :{} {} ms after JVM start ({})", config.role().id(), agent.port(), sinceJvmStart,
                config);
    }
}
