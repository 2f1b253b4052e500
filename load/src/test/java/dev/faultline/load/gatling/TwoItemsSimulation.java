package dev.faultline.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/** A user's own simulation: two virtual users, each sending one work item the Faultline way. */
public class TwoItemsSimulation extends Simulation {
    public TwoItemsSimulation() {
        setUp(scenario("two").exec(FaultlineGatling.submitItem()).injectOpen(atOnceUsers(2)))
                .protocols(FaultlineGatling.protocol());
    }
}
