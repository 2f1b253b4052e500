package dev.faultline.assertions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.faultline.engine.measure.ContainmentMeasure;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.timeline.RunRecord;

/**
 * {@code containment: {may-degrade: [worker], must-stay-healthy: [orchestrator], max-cascade-depth: 1}}: judged on
 * the services that had a failing sample between the first injection and the end of recovery. Only the parts
 * given are checked ({@code containment.may-degrade}, {@code containment.must-stay-healthy},
 * {@code containment.max-cascade-depth}); a null component is not judged.
 *
 * @param mayDegrade      services allowed to degrade besides the faults' targets
 * @param mustStayHealthy services that must not degrade at all
 * @param maxCascadeDepth the deepest a degraded service may be, along depends-on, from the nearest fault target
 */
public record ContainmentObjective(List<String> mayDegrade, List<String> mustStayHealthy, Integer maxCascadeDepth)
        implements Objective {

    public ContainmentObjective {
        mayDegrade = mayDegrade == null ? null : List.copyOf(mayDegrade);
        mustStayHealthy = mustStayHealthy == null ? null : List.copyOf(mustStayHealthy);
        if (maxCascadeDepth != null && maxCascadeDepth < 0) {
            throw new IllegalArgumentException("containment.max-cascade-depth must be 0 or more, but was "
                    + maxCascadeDepth);
        }
        if (mayDegrade != null && mustStayHealthy != null) {
            for (String s : mustStayHealthy) {
                if (mayDegrade.contains(s)) {
                    throw new IllegalArgumentException("containment: '" + s
                            + "' is listed both in may-degrade and in must-stay-healthy");
                }
            }
        }
    }

    @Override
    public String name() {
        return "containment";
    }

    @Override
    public List<Check> evaluate(RunRecord run, Measurements figures) {
        ContainmentMeasure m = figures.containment();
        List<Check> checks = new ArrayList<>();
        if (mayDegrade != null) {
            checks.add(mayDegrade(m, mayDegrade));
        }
        if (mustStayHealthy != null) {
            checks.add(mustStayHealthy(m, mustStayHealthy));
        }
        if (maxCascadeDepth != null) {
            checks.add(maxCascadeDepth(m, maxCascadeDepth));
        }
        return checks;
    }

    /**
     * {@code containment.may-degrade}: nothing degraded but {@code services} and the fault targets
     * ({@link ContainmentMeasure#targets()}).
     */
    public static Check mayDegrade(ContainmentMeasure m, List<String> services) {
        Set<String> allowed = new LinkedHashSet<>(services);
        allowed.addAll(m.targets());
        List<String> unexpected = m.degraded().stream().filter(s -> !allowed.contains(s)).toList();
        String expected = services.isEmpty()
                ? "nothing degraded beyond the fault targets (" + Figures.names(m.targets()) + ")"
                : "nothing degraded beyond " + Figures.names(services) + " and the fault targets ("
                        + Figures.names(m.targets()) + ")";
        String actual;
        if (m.degraded().isEmpty()) {
            actual = "nothing degraded";
        } else {
            actual = "degraded: " + Figures.names(m.degraded())
                    + (unexpected.isEmpty() ? "" : " (not allowed: " + Figures.names(unexpected) + ")");
        }
        return new Check("containment.may-degrade", expected, actual, unexpected.isEmpty());
    }

    /** {@code containment.must-stay-healthy}: none of {@code services} degraded. */
    public static Check mustStayHealthy(ContainmentMeasure m, List<String> services) {
        List<String> broken = m.degraded().stream().filter(services::contains).toList();
        return new Check("containment.must-stay-healthy", "not degraded: " + Figures.names(services),
                broken.isEmpty() ? "none of them degraded" : "degraded: " + Figures.names(broken), broken.isEmpty());
    }

    /**
     * {@code containment.max-cascade-depth}: no degraded service deeper than {@code max} from the nearest fault
     * target; services with no depends-on path from a target are not counted.
     */
    public static Check maxCascadeDepth(ContainmentMeasure m, int max) {
        Integer depth = m.cascadeDepth();
        String actual;
        if (depth == null) {
            actual = m.degraded().isEmpty() ? "nothing degraded" : "no degraded service downstream of a target";
        } else {
            actual = depth + " (" + Figures.names(m.deepest()) + ")";
        }
        return new Check("containment.max-cascade-depth", "<= " + max, actual, depth == null || depth <= max);
    }
}
