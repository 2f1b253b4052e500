package dev.faultline.agents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --warm-up}: runs every role briefly against an unreachable broker and store and exits, so that an image
 * build can record the classes the agent loads into a class-data-sharing archive (faster JVM start).
 */
final class WarmUp {
    private WarmUp() {}

    static void run() throws Exception {
        for (String role : new String[] {"orchestrator", "worker", "planner"}) {
            Map<String, String> env = new HashMap<>();
            env.put("AGENT_ROLE", role);
            env.put("HTTP_PORT", "1"); // replaced below: any valid value passes validation
            env.put("BROKER_HOST", "127.0.0.1");
            env.put("BROKER_PORT", "1");
            env.put("STORE_HOST", "127.0.0.1");
            env.put("STORE_PORT", "1");
            AgentConfig parsed = AgentConfig.fromEnvironment(env, () -> "warm-up");
            AgentConfig config = parsed.withHttpPort(0);
            try (Agent agent = Agent.start(config)) {
                String base = "http://127.0.0.1:" + agent.port();
                call("GET", base + "/health", null);
                call("GET", base + "/ready", null);
                call("GET", base + "/state", null);
                if (config.role() == Role.ORCHESTRATOR) {
                    call("POST", base + "/tasks", "{\"id\":\"warm-up\",\"payload\":{\"n\":1}}");
                    call("POST", base + "/tasks", "{\"id\":3}");
                    call("GET", base + "/results", null);
                }
                if (config.role() == Role.PLANNER) {
                    call("GET", base + "/leader", null);
                }
                byte[] body = TaskMessage.body("warm-up", "[1]");
                Intake.of(true).decide(TaskMessage.stamped("warm-up", body), body);
                Intake.of(true).decide(TaskMessage.unstamped("warm-up"), body);
                Intake.of(false).decide(TaskMessage.unstamped("warm-up"), body);
                TaskDeadline.passed(new TaskDeadline(java.time.Duration.ofSeconds(1))
                        .stamp(TaskMessage.stamped("warm-up", body), System.currentTimeMillis()), 0);
                Tally.choose("warm-up", java.util.List.of(new Tally.Stored(1, new Tally(1, 1).json(),
                        new Tally(1, 1).sha256())), true, line -> {});
            }
        }
    }

    private static void call(String method, String url, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        c.disconnect();
    }
}
