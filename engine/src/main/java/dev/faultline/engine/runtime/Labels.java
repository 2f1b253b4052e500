package dev.faultline.engine.runtime;

import java.util.Map;

/**
 * Labels on everything a run creates. {@code dev.faultline.run} names the run; {@code dev.faultline.owned-by=lease}
 * says its harness holds a {@link Lease} (a container of the run's own, running while the harness's connection to
 * it is open), which any harness on the engine can judge, whatever host or PID namespace it runs in. The owner
 * labels (pid, start time) are what harnesses before leases judged by, and still judge runs of those harnesses.
 */
public final class Labels {
    public static final String RUN = "dev.faultline.run";
    public static final String SERVICE = "dev.faultline.service";
    public static final String INSTANCE = "dev.faultline.instance";
    /** On a fault-proxy container: the service it stands in front of. */
    public static final String PROXY_FOR = "dev.faultline.proxy-for";
    public static final String OWNER_PID = "dev.faultline.owner-pid";
    public static final String OWNER_STARTED = "dev.faultline.owner-started";
    /** {@code lease} on everything of a run whose harness holds a {@link Lease}. */
    public static final String OWNED_BY = "dev.faultline.owned-by";
    /** On a run's lease container. */
    public static final String LEASE = "dev.faultline.lease";

    private Labels() {
    }

    static Map<String, String> forRun(String runId) {
        ProcessHandle self = ProcessHandle.current();
        return Map.of(
                RUN, runId,
                OWNED_BY, "lease",
                OWNER_PID, Long.toString(self.pid()),
                OWNER_STARTED, self.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("0"));
    }

    /** Whether everything labelled so belongs to a run whose harness holds a {@link Lease}. */
    static boolean leased(Map<String, String> labels) {
        return "lease".equals(labels.get(OWNED_BY));
    }

    /**
     * Whether the process named by these labels is gone (or is another process reusing its pid). Only right when
     * the process ran in this PID namespace: the rule for runs of harnesses before leases.
     */
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
