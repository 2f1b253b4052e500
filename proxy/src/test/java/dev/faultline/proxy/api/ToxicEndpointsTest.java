package dev.faultline.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.support.Api;
import dev.faultline.proxy.support.ProxyServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The toxic endpoints of the Toxiproxy 2.x API, plus Faultline's {@code clients} field and corrupt toxic. */
class ToxicEndpointsTest extends ProxyServerTest {
    private static final String LATENCY_JSON = "{\"attributes\":{\"latency\":10,\"jitter\":0},\"name\":\"latency_downstream\","
            + "\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}";

    @BeforeEach
    void createProxy() {
        api.createProxy("db", "127.0.0.1:1");
    }

    private static String error(String message, int status) {
        return "{\"error\":\"" + message + "\",\"status\":" + status + "}\n";
    }

    @Test
    void createToxicDefaultsToDownstreamFullToxicityAndTypeStreamName() {
        Api.Response response = api.post("/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":10}}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(LATENCY_JSON);
    }

    @Test
    void createToxicKeepsGivenNameStreamAndToxicity() {
        Api.Response response = api.post("/proxies/db/toxics", "{\"name\":\"slow\",\"type\":\"bandwidth\","
                + "\"stream\":\"upstream\",\"toxicity\":0.25,\"attributes\":{\"rate\":100}}");

        assertThat(response.body()).isEqualTo("{\"attributes\":{\"rate\":100},\"name\":\"slow\",\"type\":\"bandwidth\","
                + "\"stream\":\"upstream\",\"toxicity\":0.25}");
    }

    @Test
    void everyToxicTypeShowsItsAttributesInToxiproxysOrder() {
        api.addToxic("db", "{\"type\":\"slow_close\",\"attributes\":{\"delay\":1}}");
        api.addToxic("db", "{\"type\":\"timeout\",\"attributes\":{\"timeout\":2}}");
        api.addToxic("db", "{\"type\":\"reset_peer\",\"stream\":\"upstream\",\"attributes\":{\"timeout\":3}}");
        api.addToxic("db", "{\"type\":\"slicer\",\"attributes\":{\"average_size\":4,\"size_variation\":1,\"delay\":5}}");
        api.addToxic("db", "{\"type\":\"limit_data\",\"stream\":\"upstream\",\"attributes\":{\"bytes\":6}}");
        api.addToxic("db", "{\"type\":\"corrupt\",\"attributes\":{\"rate\":0.01,\"seed\":7}}");

        assertThat(api.get("/proxies/db/toxics").body()).isEqualTo("["
                + "{\"attributes\":{\"timeout\":3},\"name\":\"reset_peer_upstream\",\"type\":\"reset_peer\",\"stream\":\"upstream\",\"toxicity\":1},"
                + "{\"attributes\":{\"bytes\":6},\"name\":\"limit_data_upstream\",\"type\":\"limit_data\",\"stream\":\"upstream\",\"toxicity\":1},"
                + "{\"attributes\":{\"delay\":1},\"name\":\"slow_close_downstream\",\"type\":\"slow_close\",\"stream\":\"downstream\",\"toxicity\":1},"
                + "{\"attributes\":{\"timeout\":2},\"name\":\"timeout_downstream\",\"type\":\"timeout\",\"stream\":\"downstream\",\"toxicity\":1},"
                + "{\"attributes\":{\"average_size\":4,\"size_variation\":1,\"delay\":5},\"name\":\"slicer_downstream\",\"type\":\"slicer\",\"stream\":\"downstream\",\"toxicity\":1},"
                + "{\"attributes\":{\"rate\":0.01,\"seed\":7},\"name\":\"corrupt_downstream\",\"type\":\"corrupt\",\"stream\":\"downstream\",\"toxicity\":1}"
                + "]");
    }

    @Test
    void listToxicsOfAProxyWithoutToxicsIsAnEmptyArray() {
        assertThat(api.get("/proxies/db/toxics").body()).isEqualTo("[]");
    }

    @Test
    void createToxicOfAnUnknownTypeAnswers400() {
        Api.Response response = api.post("/proxies/db/toxics", "{\"type\":\"meteor\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(error("invalid toxic type", 400));
    }

    @Test
    void createToxicWithAnInvalidStreamAnswers400() {
        Api.Response response = api.post("/proxies/db/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(error("stream was invalid, can be either upstream or downstream", 400));
    }

    @Test
    void createToxicWithATakenNameAnswers409() {
        api.addToxic("db", "{\"type\":\"latency\"}");

        Api.Response response = api.post("/proxies/db/toxics", "{\"type\":\"latency\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).isEqualTo(error("toxic already exists", 409));
    }

    @Test
    void toxicNamesAreUniqueAcrossBothStreams() {
        api.addToxic("db", "{\"name\":\"t\",\"type\":\"latency\",\"stream\":\"upstream\"}");

        assertThat(api.post("/proxies/db/toxics", "{\"name\":\"t\",\"type\":\"latency\"}").status()).isEqualTo(409);
    }

    @Test
    void createToxicOnAnUnknownProxyAnswers404() {
        Api.Response response = api.post("/proxies/nope/toxics", "{\"type\":\"latency\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(error("proxy not found", 404));
    }

    @Test
    void createToxicWithInvalidJsonAnswers400() {
        Api.Response response = api.post("/proxies/db/toxics", "{\"type\":");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"bad request body: ");
    }

    @Test
    void createToxicWithAnAttributeOfTheWrongTypeAnswers400NamingIt() {
        Api.Response response = api.post("/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":\"soon\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(
                error("bad request body: attributes.latency: expected an integer but was string \\\"soon\\\"", 400));
    }

    @Test
    void createToxicWithANegativeDurationAnswers400() {
        Api.Response response = api.post("/proxies/db/toxics", "{\"type\":\"timeout\",\"attributes\":{\"timeout\":-1}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(
                error("bad request body: attributes.timeout: expected a number of milliseconds within 0..86400000 but was -1", 400));
    }

    @Test
    void getToxicShowsIt() {
        api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":10}}");

        Api.Response response = api.get("/proxies/db/toxics/latency_downstream");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(LATENCY_JSON);
    }

    @Test
    void getUnknownToxicAnswers404() {
        Api.Response response = api.get("/proxies/db/toxics/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(error("toxic not found", 404));
    }

    @Test
    void patchToxicChangesOnlyTheGivenAttributesAndKeepsToxicity() {
        api.addToxic("db", "{\"type\":\"latency\",\"toxicity\":0.5,\"attributes\":{\"latency\":10}}");

        Api.Response response = api.patch("/proxies/db/toxics/latency_downstream", "{\"attributes\":{\"jitter\":3}}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"attributes\":{\"latency\":10,\"jitter\":3},\"name\":\"latency_downstream\","
                + "\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":0.5}");
    }

    @Test
    void postToAToxicUpdatesItLikePatchButNeverItsNameTypeOrStream() {
        api.addToxic("db", "{\"type\":\"latency\",\"attributes\":{\"latency\":10}}");

        Api.Response response = api.post("/proxies/db/toxics/latency_downstream",
                "{\"name\":\"other\",\"type\":\"timeout\",\"stream\":\"upstream\",\"toxicity\":0.75}");

        assertThat(response.body()).isEqualTo("{\"attributes\":{\"latency\":10,\"jitter\":0},\"name\":\"latency_downstream\","
                + "\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":0.75}");
    }

    @Test
    void updateUnknownToxicAnswers404() {
        Api.Response response = api.patch("/proxies/db/toxics/nope", "{\"toxicity\":0.5}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(error("toxic not found", 404));
    }

    @Test
    void updateToxicOfUnknownProxyAnswers404() {
        Api.Response response = api.patch("/proxies/nope/toxics/x", "{\"toxicity\":0.5}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(error("proxy not found", 404));
    }

    @Test
    void deleteToxicAnswers204() {
        api.addToxic("db", "{\"type\":\"latency\"}");

        Api.Response response = api.delete("/proxies/db/toxics/latency_downstream");

        assertThat(response.status()).isEqualTo(204);
        assertThat(api.get("/proxies/db/toxics").body()).isEqualTo("[]");
    }

    @Test
    void deleteUnknownToxicAnswers404() {
        Api.Response response = api.delete("/proxies/db/toxics/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(error("toxic not found", 404));
    }

    @Test
    void clientsAreShownAfterToxicityAndOmittedWhenEmpty() {
        api.addToxic("db", "{\"name\":\"scoped\",\"type\":\"latency\",\"clients\":[\"worker-0\",\"10.0.3.7\",\"10.0.3.0/24\"]}");
        api.addToxic("db", "{\"name\":\"everyone\",\"type\":\"latency\",\"clients\":[]}");

        assertThat(api.get("/proxies/db/toxics/scoped").body()).isEqualTo("{\"attributes\":{\"latency\":0,\"jitter\":0},"
                + "\"name\":\"scoped\",\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1,"
                + "\"clients\":[\"worker-0\",\"10.0.3.7\",\"10.0.3.0/24\"]}");
        assertThat(api.get("/proxies/db/toxics/everyone").body()).doesNotContain("clients");
    }

    @Test
    void patchingClientsReplacesThemAndOmittingThemKeepsThem() {
        api.addToxic("db", "{\"name\":\"scoped\",\"type\":\"latency\",\"clients\":[\"10.0.3.7\"]}");

        assertThat(api.patch("/proxies/db/toxics/scoped", "{\"toxicity\":0.5}").body()).contains("\"clients\":[\"10.0.3.7\"]");
        assertThat(api.patch("/proxies/db/toxics/scoped", "{\"clients\":[\"10.0.3.8\"]}").body()).contains("\"clients\":[\"10.0.3.8\"]");
        assertThat(api.patch("/proxies/db/toxics/scoped", "{\"clients\":[]}").body()).doesNotContain("clients");
    }

    @Test
    void anInvalidClientEntryAnswers400NamingIt() {
        Api.Response response = api.post("/proxies/db/toxics", "{\"type\":\"latency\",\"clients\":[\"10.0.3.7\",\"10.0.3.0/99\"]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(
                error("bad request body: clients[1]: expected a CIDR block like 10.0.3.0/24 but was '10.0.3.0/99'", 400));
    }

    @Test
    void corruptRateOutsideZeroToOneAnswers400() {
        Api.Response response = api.post("/proxies/db/toxics", "{\"type\":\"corrupt\",\"attributes\":{\"rate\":1.5}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(
                error("bad request body: attributes.rate: expected a probability within 0..1 but was 1.5", 400));
    }

    @Test
    void outputEscapesHtmlCharactersLikeGo() {
        api.addToxic("db", "{\"name\":\"a<b>&c\",\"type\":\"latency\"}");

        assertThat(api.get("/proxies/db/toxics").body()).contains("\"name\":\"a\\u003cb\\u003e\\u0026c\"");
    }
}
