package dev.faultline.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.faultline.engine.model.Link;
import dev.faultline.engine.model.Role;
import dev.faultline.engine.model.ServiceSpec;
import dev.faultline.engine.model.Topology;

/** What starts together: proxies with the services that depend on nothing, then each level of depends-on. */
class StartPlanTest {

    @Test
    void theProxiesStartWithTheServicesThatDependOnNothingAndTheAgentsAfterThem() {
        Topology supportDesk = topology(
                List.of(service("rabbitmq"), service("postgres"),
                        service("orchestrator", "rabbitmq", "postgres"), service("worker", "rabbitmq", "postgres")),
                List.of(new Link("orchestrator", "rabbitmq", 5672), new Link("worker", "rabbitmq", 5672),
                        new Link("orchestrator", "postgres", 5432), new Link("worker", "postgres", 5432)));

        List<StartPlan.Level> levels = StartPlan.of(supportDesk).levels();

        assertThat(levels).extracting(StartPlan.Level::proxied)
                .containsExactly(List.of("postgres", "rabbitmq"), List.of());
        assertThat(levels).extracting(level -> names(level.services()))
                .containsExactly(List.of("rabbitmq", "postgres"), List.of("orchestrator", "worker"));
    }

    @Test
    void aProxyStartsInTheFirstLevelEvenWhenItsServiceStartsLater() {
        Topology topology = topology(
                List.of(service("db"), service("api", "db"), service("client", "db")),
                List.of(new Link("client", "api", 8080)));

        List<StartPlan.Level> levels = StartPlan.of(topology).levels();

        assertThat(levels).extracting(StartPlan.Level::proxied).containsExactly(List.of("api"), List.of());
    }

    private static Topology topology(List<ServiceSpec> services, List<Link> links) {
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        return new Topology("t", byName, links);
    }

    private static ServiceSpec service(String name, String... dependsOn) {
        return new ServiceSpec(name, "image", Role.OTHER, 1, Map.of(), List.of(), null, List.of(dependsOn), null, null);
    }

    private static List<String> names(List<ServiceSpec> services) {
        return services.stream().map(ServiceSpec::name).toList();
    }
}
