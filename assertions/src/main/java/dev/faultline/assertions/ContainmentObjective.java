package dev.faultline.assertions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.faultline.engine.measure.ContainmentMeasure;
import dev.faultline.engine.measure.ContainmentMeasure.DegradedService;
import dev.faultline.engine.measure.Measurements;
import dev.faultline.engine.spi.Objective;
import dev.faultline.engine.spi.StabilityRequirement;
import dev.faultline.engine.timeline.FaultWindow;
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
    public List<Check> evaluate(RunRecord run) {
        ContainmentMeasure m = Measurements.of(run, StabilityRequirement.resolve(run.scenario())).containment();
        List<Check> checks = new ArrayList<>();
        if (mayDegrade != null) {
            checks.add(mayDegradeCheck(m, targets(run)));
        }
        if (mustStayHealthy != null) {
            List<String> broken = m.degraded().stream().filter(mustStayHealthy::contains).toList();
            checks.add(new Check("containment.must-stay-healthy", "not degraded: " + Figures.names(mustStayHealthy),
                    broken.isEmpty() ? "none of them degraded" : "degraded: " + Figures.names(broken),
                    broken.isEmpty()));
        }
        if (maxCascadeDepth != null) {
            checks.add(depthCheck(m));
        }
        return checks;
    }

    private Check mayDegradeCheck(ContainmentMeasure m, Set<String> targets) {
        Set<String> allowed = new LinkedHashSet<>(mayDegrade);
        allowed.addAll(targets);
        List<String> unexpected = m.degraded().stream().filter(s -> !allowed.contains(s)).toList();
        String expected = mayDegrade.isEmpty()
                ? "nothing degraded beyond the fault targets (" + Figures.names(targets) + ")"
                : "nothing degraded beyond " + Figures.names(mayDegrade) + " and the fault targets ("
                        + Figures.names(targets) + ")";
        String actual;
        if (m.degraded().isEmpty()) {
            actual = "nothing degraded";
        } else {
            actual = "degraded: " + Figures.names(m.degraded())
                    + (unexpected.isEmpty() ? "" : " (not allowed: " + Figures.names(unexpected) + ")");
        }
        return new Check("containment.may-degrade", expected, actual, unexpected.isEmpty());
    }

    private Check depthCheck(ContainmentMeasure m) {
        Integer depth = m.cascadeDepth();
        String actual;
        if (depth == null) {
            actual = m.degraded().isEmpty() ? "nothing degraded" : "no degraded service downstream of a target";
        } else {
            List<String> deepest = m.cascadeOrder().stream().filter(d -> depth.equals(d.cascadeDepth()))
                    .map(DegradedService::service).toList();
            actual = depth + " (" + Figures.names(deepest) + ")";
        }
        return new Check("containment.max-cascade-depth", "<= " + maxCascadeDepth, actual,
                depth == null || depth <= maxCascadeDepth);
    }

    private static Set<String> targets(RunRecord run) {
        Set<String> targets = new LinkedHashSet<>();
        for (FaultWindow w : run.faults()) {
            if (w.injected()) {
                targets.add(w.spec().target().service());
            }
        }
        return targets;
    }
}
