package dev.faultline.proxy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.proxy.Version;
import dev.faultline.proxy.core.Direction;
import dev.faultline.proxy.core.Limits;
import dev.faultline.proxy.core.Proxy;
import dev.faultline.proxy.core.ProxyDefinition;
import dev.faultline.proxy.core.ProxyRegistry;
import dev.faultline.proxy.scope.ClientScope;
import dev.faultline.proxy.toxics.AttributeReader;
import dev.faultline.proxy.toxics.ToxicAttributes;
import dev.faultline.proxy.toxics.ToxicSpec;
import dev.faultline.proxy.toxics.ToxicType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Toxiproxy 2.x HTTP API: routes a request to the registry and answers with Toxiproxy's status
 * codes and JSON. Runs on the API thread only.
 */
public final class ApiService {
    /** Most entries in a toxic's {@code clients} array. */
    static final int MAX_CLIENT_ENTRIES = 64;

    private final ProxyRegistry registry;
    private final Limits limits;

    public ApiService(ProxyRegistry registry, Limits limits) {
        this.registry = registry;
        this.limits = limits;
    }

    public ApiResponse handle(ApiRequest request) {
        if (request.userAgent() != null && request.userAgent().startsWith("Mozilla/")) {
            return ApiResponse.text(403, "User agent not allowed\n");
        }
        try {
            return route(request);
        } catch (ApiException e) {
            return ApiResponse.error(e);
        }
    }

    private ApiResponse route(ApiRequest request) {
        List<String> path = request.path();
        String method = request.method();
        int size = path.size();
        if (size == 1 && path.get(0).equals("version")) {
            return allow(method, "GET") ? version() : methodNotAllowed();
        }
        if (size == 1 && path.get(0).equals("reset")) {
            return allow(method, "POST") ? reset() : methodNotAllowed();
        }
        if (size == 1 && path.get(0).equals("populate")) {
            return allow(method, "POST") ? populate(request.body()) : methodNotAllowed();
        }
        if (size >= 1 && path.get(0).equals("proxies")) {
            if (size == 1) {
                return switch (method) {
                    case "GET" -> ApiResponse.json(200, JsonOutput.proxies(registry.all()));
                    case "POST" -> createProxy(request.body());
                    default -> methodNotAllowed();
                };
            }
            String proxyName = path.get(1);
            if (size == 2) {
                return switch (method) {
                    case "GET" -> ApiResponse.json(200, JsonOutput.proxy(registry.get(proxyName)));
                    case "POST", "PATCH" -> updateProxy(proxyName, request.body());
                    case "DELETE" -> {
                        registry.remove(proxyName);
                        yield ApiResponse.noContent();
                    }
                    default -> methodNotAllowed();
                };
            }
            if (size == 3 && path.get(2).equals("connections")) {
                return allow(method, "GET") ? ApiResponse.json(200, JsonOutput.connections(registry.get(proxyName)))
                        : methodNotAllowed();
            }
            if (path.get(2).equals("toxics")) {
                if (size == 3) {
                    return switch (method) {
                        case "GET" -> ApiResponse.json(200, JsonOutput.toxics(registry.get(proxyName).toxics().inDisplayOrder()));
                        case "POST" -> createToxic(proxyName, request.body());
                        default -> methodNotAllowed();
                    };
                }
                if (size == 4) {
                    String toxicName = path.get(3);
                    return switch (method) {
                        case "GET" -> ApiResponse.json(200, JsonOutput.toxic(findToxic(registry.get(proxyName), toxicName)));
                        case "POST", "PATCH" -> updateToxic(proxyName, toxicName, request.body());
                        case "DELETE" -> {
                            registry.removeToxic(registry.get(proxyName), toxicName);
                            yield ApiResponse.noContent();
                        }
                        default -> methodNotAllowed();
                    };
                }
            }
        }
        return ApiResponse.text(404, "404 page not found\n");
    }

    private static boolean allow(String method, String allowed) {
        return method.equals(allowed);
    }

    private static ApiResponse methodNotAllowed() {
        return new ApiResponse(405, null, new byte[0]);
    }

    private static ApiResponse version() {
        String body = "{\"version\": \"" + Version.current() + "\"}\n";
        return new ApiResponse(200, "application/json;charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private ApiResponse reset() {
        registry.reset();
        return ApiResponse.noContent();
    }

    private ApiResponse createProxy(byte[] body) {
        ObjectNode input = JsonInput.object(JsonInput.parse(body), "a proxy");
        String name = JsonInput.string(input, "name", "");
        String listen = JsonInput.string(input, "listen", "");
        String upstream = JsonInput.string(input, "upstream", "");
        boolean enabled = JsonInput.bool(input, "enabled", true);
        if (name.isEmpty()) {
            throw ApiException.missingField("name");
        }
        if (upstream.isEmpty()) {
            throw ApiException.missingField("upstream");
        }
        ProxyDefinition definition = checked(new ProxyDefinition(name, listen, upstream, enabled), "");
        if (registry.all().size() >= limits.maxProxies() && !registry.exists(name)) {
            throw ApiException.limitReached("proxy", limits.maxProxies(), "-max-proxies");
        }
        Proxy proxy = registry.create(definition);
        return ApiResponse.json(201, JsonOutput.proxy(proxy));
    }

    /** Reads a JSON array of proxies, as for POST /populate and the -config file. */
    public static List<ProxyDefinition> readProxyList(byte[] body) {
        JsonNode root = JsonInput.parse(body);
        if (!root.isArray()) {
            throw ApiException.badRequestBody("expected a JSON array of proxies but was " + AttributeReader.describe(root));
        }
        List<ProxyDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            ObjectNode item = JsonInput.object(root.get(i), "proxy " + (i + 1));
            String name = JsonInput.string(item, "name", "");
            String upstream = JsonInput.string(item, "upstream", "");
            if (name.isEmpty()) {
                throw ApiException.missingField("name at proxy " + (i + 1));
            }
            if (upstream.isEmpty()) {
                throw ApiException.missingField("upstream at proxy " + (i + 1));
            }
            definitions.add(checked(new ProxyDefinition(name, JsonInput.string(item, "listen", ""), upstream,
                    JsonInput.bool(item, "enabled", true)), " at proxy " + (i + 1)));
        }
        return definitions;
    }

    /** The definition if its name and addresses are well-formed; a 400 naming the field otherwise. */
    private static ProxyDefinition checked(ProxyDefinition definition, String where) {
        Checks.name("name" + where, definition.name());
        if (!definition.listen().isEmpty()) {
            Checks.address("listen" + where, definition.listen(), 0, true);
        }
        Checks.address("upstream" + where, definition.upstream(), 1, false);
        return definition;
    }

    /** Applies a JSON array of proxies; the -config file goes through here too. */
    public List<Proxy> populate(List<ProxyDefinition> definitions) {
        long added = definitions.stream().map(ProxyDefinition::name).distinct().filter(n -> !registry.exists(n)).count();
        if (registry.all().size() + added > limits.maxProxies()) {
            throw ApiException.limitReached("proxy", limits.maxProxies(), "-max-proxies");
        }
        return registry.populate(definitions);
    }

    private ApiResponse populate(byte[] body) {
        try {
            List<Proxy> proxies = populate(readProxyList(body));
            return ApiResponse.json(201, JsonOutput.populate(proxies, null));
        } catch (ApiException e) {
            return ApiResponse.json(e.status(), JsonOutput.populate(null, e));
        }
    }

    private ApiResponse updateProxy(String name, byte[] body) {
        Proxy proxy = registry.get(name);
        ObjectNode input = JsonInput.object(JsonInput.parse(body), "a proxy");
        String listen = JsonInput.string(input, "listen", proxy.listen());
        String upstream = JsonInput.string(input, "upstream", proxy.upstream());
        boolean enabled = JsonInput.bool(input, "enabled", proxy.enabled());
        if (!listen.isEmpty()) {
            Checks.address("listen", listen, 0, true);
        }
        Checks.address("upstream", upstream, 1, false);
        registry.update(name, listen, upstream, enabled);
        return ApiResponse.json(200, JsonOutput.proxy(proxy));
    }

    private static ToxicSpec findToxic(Proxy proxy, String toxicName) {
        return proxy.toxics().find(toxicName).orElseThrow(ApiException::toxicNotFound);
    }

    private ApiResponse createToxic(String proxyName, byte[] body) {
        Proxy proxy = registry.get(proxyName);
        ObjectNode input = JsonInput.object(JsonInput.parse(body), "a toxic");
        String stream = JsonInput.string(input, "stream", "downstream");
        Direction direction = Direction.parse(stream).orElseThrow(ApiException::invalidStream);
        String typeName = JsonInput.string(input, "type", "");
        String name = JsonInput.string(input, "name", "");
        ToxicType type = ToxicType.byName(typeName).orElseThrow(ApiException::invalidToxicType);
        if (name.isEmpty()) {
            name = typeName + "_" + direction.json();
        }
        Checks.name("name", name);
        if (proxy.toxics().find(name).isPresent()) {
            throw ApiException.toxicAlreadyExists();
        }
        if (proxy.toxics().toxics().size() >= limits.maxToxicsPerProxy()) {
            throw ApiException.limitReached("toxic", limits.maxToxicsPerProxy(), "-max-toxics");
        }
        float toxicity = Checks.toxicity(JsonInput.float64(input, "toxicity", 1.0));
        ToxicAttributes attributes = type.readAttributes(AttributeReader.of(input.get("attributes")));
        ClientScope clients = clients(input, ClientScope.EVERYONE);
        ToxicSpec toxic = registry.addToxic(proxy, ToxicSpec.create(name, direction, toxicity, attributes, clients));
        return ApiResponse.json(200, JsonOutput.toxic(toxic));
    }

    private ApiResponse updateToxic(String proxyName, String toxicName, byte[] body) {
        Proxy proxy = registry.get(proxyName);
        ToxicSpec existing = findToxic(proxy, toxicName);
        ObjectNode input = JsonInput.object(JsonInput.parse(body), "a toxic");
        float toxicity = Checks.toxicity(JsonInput.float64(input, "toxicity", existing.toxicity()));
        ObjectNode merged = JsonInput.merge(JsonOutput.attributes(existing), input.get("attributes"));
        ToxicAttributes attributes = existing.type().readAttributes(AttributeReader.of(merged));
        ClientScope clients = clients(input, existing.clients());
        ToxicSpec updated = registry.updateToxic(proxy, existing.withSettings(toxicity, attributes, clients));
        return ApiResponse.json(200, JsonOutput.toxic(updated));
    }

    private static ClientScope clients(ObjectNode input, ClientScope fallback) {
        List<String> entries = JsonInput.strings(input, "clients", null, MAX_CLIENT_ENTRIES);
        if (entries == null) {
            return fallback;
        }
        try {
            return ClientScope.parse(entries);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequestBody(e.getMessage());
        }
    }
}
