package dev.faultline.engine.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.timeline.Ledger;
import dev.faultline.engine.timeline.RunRecord;
import dev.faultline.engine.timeline.ServiceState;
import dev.faultline.engine.timeline.TimelineEvent.ServiceChange;
import dev.faultline.engine.timeline.TimelineEvent.StateReport;

/** Compares the agents' state reports with the ranges the ledger implies (see {@link StateMeasure}). */
final class StateCheck {
    private StateCheck() {
    }

    static StateMeasure of(RunRecord run) {
        Map<String, StateReport> latest = new LinkedHashMap<>();
        for (StateReport r : run.timeline().events(StateReport.class, r -> true)) {
            latest.put(r.instance(), r);
        }
        if (latest.isEmpty()) {
            return new StateMeasure(List.of());
        }
        Map<String, StateMeasure.Range> implied = implied(run.ledger());
        java.util.Set<String> retired = new java.util.HashSet<>(); // scaled down: nothing to report, not asked
        run.timeline().events(ServiceChange.class, c -> c.change() == ServiceState.RETIRED)
                .forEach(c -> retired.add(c.instance()));
        List<StateMeasure.ServiceState> services = new ArrayList<>();
        for (ServiceSpec service : run.scenario().topology().services().values()) {
            if (service.state() == null) {
                continue;
            }
            services.add(service(service, latest, implied, retired));
        }
        return new StateMeasure(services);
    }

    private static StateMeasure.ServiceState service(ServiceSpec service, Map<String, StateReport> latest,
                                                     Map<String, StateMeasure.Range> implied,
                                                     java.util.Set<String> retired) {
        Map<String, Long> reported = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        List<String> disagreements = new ArrayList<>();
        for (String instance : service.instanceNames()) {
            if (retired.contains(instance)) {
                continue;
            }
            StateReport r = latest.get(instance);
            if (r == null || r.error() != null) {
                String why = r == null ? "not asked (the run ended before the state check)" : r.error();
                unreadable.put(instance, why);
                disagreements.add(instance + " did not report its state: " + why);
                continue;
            }
            r.ledger().forEach((key, value) -> reported.merge(key, value, Long::sum));
        }
        Map<String, StateMeasure.Range> ranges = new LinkedHashMap<>();
        reported.forEach((key, value) -> {
            StateMeasure.Range range = implied.get(key);
            if (range == null) {
                return;
            }
            ranges.put(key, range);
            if (!range.contains(value)) {
                disagreements.add(key + " " + value + ", the ledger implies " + range);
            }
        });
        return new StateMeasure.ServiceState(service.name(), reported, ranges, unreadable, disagreements);
    }

    private static Map<String, StateMeasure.Range> implied(Ledger ledger) {
        long sent = 0;
        long accepted = 0;
        long seenCompleted = ledger.unknownCompletions().size();
        long completions = ledger.unknownCompletions().values().stream().mapToLong(Integer::longValue).sum();
        long unaccountedFor = 0; // sent, never seen accepted nor completed: may have been stored and done unseen
        for (Ledger.WorkItem item : ledger) {
            sent++;
            if (item.accepted()) {
                accepted++;
            }
            if (item.completions() > 0) {
                seenCompleted++;
                completions += item.completions();
            } else if (!item.accepted()) {
                unaccountedFor++;
            }
        }
        Map<String, StateMeasure.Range> ranges = new LinkedHashMap<>();
        ranges.put("accepted", new StateMeasure.Range(accepted, sent));
        ranges.put("completed", new StateMeasure.Range(seenCompleted, seenCompleted + unaccountedFor));
        ranges.put("completions", new StateMeasure.Range(completions, completions + unaccountedFor));
        ranges.put("pending", new StateMeasure.Range(0, 0));
        return ranges;
    }
}
