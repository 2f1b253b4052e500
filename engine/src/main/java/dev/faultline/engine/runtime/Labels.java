package dev.faultline.engine.runtime;

import java.util.Map;

/**
 * Labels on everything a run creates. {@code dev.faultline.run} names the run; the owner labels let a later run
 * tell whether the process that made a container is still alive, so leftovers of killed runs can be reaped.
 */
public final class Labels {
    public static final String RUN = "dev.faultline.run";
    public static final String SERVICE = "dev.faultline.service";
    public static final String INSTANCE = "dev.faultline.instance";
    /** On a fault-proxy container: the service it stands in front of. */
    public static final String PROXY_FOR = "dev.faultline.proxy-for";
    public static final String OWNER_PID = "dev.faultline.owner-pid";
    public static final String OWNER_STARTED = "dev.faultline.owner-started";

    private Labels() {
    }

    static Map<String, String> forRun(String runId) {
        ProcessHandle self = ProcessHandle.current();
        return Map.of(
                RUN, runId,
                OWNER_PID, Long.toString(self.pid()),
                OWNER_STARTED, self.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("0"));
    }

    /** Whether the process named by these labels is gone (or is another process reusing its pid). */
    static boolean ownerIsGone(Map<String, String> labels) {
        String pid = labels.get(OWNER_PID);
        if (pid == null) {
            return true;
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .map(p -> !p.info().startInstant()
                            .map(i -> Long.toString(i.toEpochMilli()))
                            .orElse("0").equals(labels.getOrDefault(OWNER_STARTED, "")))
                    .orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
