package dev.faultline.load.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGenerator;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * What a Gatling simulation run by Faultline uses so that the run's ledger sees its work: every work item must be
 * sent with {@link #submitItem()}, which numbers it, records it in the ledger, POSTs it to the scenario's
 * {@code load.submit} and records the answer. Requests sent any other way are measured by Gatling but are not work
 * items: no integrity, RPO or SLO objective sees them.
 *
 * <pre>{@code
 * public class MySimulation extends Simulation {
 *     {
 *         setUp(scenario("checkout").exec(FaultlineGatling.submitItem())
 *                 .injectOpen(rampUsersPerSec(1).to(30).during(10), constantUsersPerSec(30).during(20)))
 *             .protocols(FaultlineGatling.protocol());
 *     }
 * }
 * }</pre>
 *
 * <p>Only inside a run that Faultline started (the {@code gatling} driver); anywhere else these throw.
 */
public final class FaultlineGatling {
    /** The session attributes {@link #submitItem()} sets: the item's id, its number and when it was sent. */
    public static final String ITEM_ID = "faultline.id";
    private static final String ITEM_SEQ = "faultline.seq";
    private static final String SENT_AT = "faultline.sentAt";
    private static final String STATUS = "faultline.status";
    private static final String RESPONSE_MS = "faultline.responseMs";

    private FaultlineGatling() {
    }

    /**
     * One work item: numbered {@code <run>-000001}, recorded in the ledger, POSTed as
     * {@code {"id": "...", "payload": {"seq": n}}} to {@code load.submit} (the instance asked anew for each item, as
     * ports change when a container restarts), its answer recorded with Gatling's own response time. Gatling counts
     * it OK when the answer is 2xx, as the ledger counts it accepted. Stops the simulation once Faultline stops the
     * load (a halt, Ctrl-C).
     */
    public static ChainBuilder submitItem() {
        return exec(FaultlineGatling::numbered)
                .exec(http("work item").post(session -> GatlingRun.current().submitUrl())
                        .body(StringBody(FaultlineGatling::body)).asJson()
                        .requestTimeout(GatlingRun.SUBMIT_TIMEOUT)
                        .check(responseTimeInMillis().saveAs(RESPONSE_MS), status().saveAs(STATUS),
                                status().gte(200), status().lte(299)))
                .exec(FaultlineGatling::answered)
                .doIf(session -> GatlingRun.current().stopping())
                .then(stopLoadGenerator("Faultline stopped the load"));
    }

    /**
     * The HTTP protocol for a simulation's work items: connections shared between virtual users, and no warm-up
     * request (Gatling's default warm-up goes to a public address; a run only ever talks to its own topology).
     */
    public static HttpProtocolBuilder protocol() {
        return http.disableWarmUp().shareConnections();
    }

    private static Session numbered(Session session) {
        GatlingRun run = GatlingRun.current();
        long n = run.nextSeq();
        String id = run.idOf(n);
        long sentAt = run.submitted(id);
        return session.set(ITEM_ID, id).set(ITEM_SEQ, n).set(SENT_AT, sentAt).remove(STATUS).remove(RESPONSE_MS);
    }

    private static String body(Session session) {
        return "{\"id\":\"" + session.getString(ITEM_ID) + "\",\"payload\":{\"seq\":" + session.getLong(ITEM_SEQ)
                + "}}";
    }

    private static Session answered(Session session) {
        Integer statusCode = session.contains(STATUS) ? session.getIntegerWrapper(STATUS) : null;
        Long responseMs = session.contains(RESPONSE_MS) ? session.getLongWrapper(RESPONSE_MS) : null;
        GatlingRun.current().answered(session.getString(ITEM_ID), session.getLong(SENT_AT), statusCode, responseMs);
        return session;
    }
}
