package dev.faultline.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import dev.faultline.engine.model.LoadSpec;

/**
 * The simulation the {@code gatling} driver runs when the scenario names none: its {@code load} section as a Gatling
 * workload of work items ({@link FaultlineGatling#submitItem()}). Open at {@code rate}, rising from 0 over
 * {@code ramp-up} first when given, for {@code duration} in all; or closed with {@code users}, each sending its next
 * item as soon as the last is answered, for {@code duration}.
 */
public final class LedgerSimulation extends Simulation {
    public LedgerSimulation() {
        LoadSpec spec = GatlingRun.current().spec();
        ScenarioBuilder items = scenario("work items").exec(FaultlineGatling.submitItem());
        setUp(population(items, spec)).protocols(FaultlineGatling.protocol());
    }

    private static PopulationBuilder population(ScenarioBuilder items, LoadSpec spec) {
        if (spec.users() != null) {
            return items.injectClosed(constantConcurrentUsers(spec.users()).during(spec.duration()));
        }
        double perSecond = spec.rate().perSecond();
        Duration steady = spec.duration().minus(spec.rampUp());
        OpenInjectionStep constant = constantUsersPerSec(perSecond).during(steady);
        if (spec.rampUp().isZero()) {
            return items.injectOpen(constant);
        }
        return items.injectOpen(rampUsersPerSec(0).to(perSecond).during(spec.rampUp()), constant);
    }
}
