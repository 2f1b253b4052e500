package dev.faultline.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Simulation;

/** A user's own simulation that sends its requests its own way: Gatling measures them, the ledger sees none. */
public class PlainRequestsSimulation extends Simulation {
    public PlainRequestsSimulation() {
        setUp(scenario("plain").exec(http("plain").get(session -> GatlingRun.current().submitUrl()))
                .injectOpen(atOnceUsers(3)))
                .protocols(FaultlineGatling.protocol());
    }
}
