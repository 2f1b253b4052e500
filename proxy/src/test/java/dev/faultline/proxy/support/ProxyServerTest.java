package dev.faultline.proxy.support;

import dev.faultline.proxy.FaultlineProxy;
import dev.faultline.proxy.ServerOptions;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base for tests against a server started in-process on 127.0.0.1 (free port), one per test class.
 * After each test every proxy is deleted, so tests start from an empty server.
 */
public abstract class ProxyServerTest {
    protected static FaultlineProxy server;
    protected static Api api;
    protected static ToxiproxyClient client;

    @BeforeAll
    static void startServer() throws IOException {
        server = FaultlineProxy.start(ServerOptions.builder().host("127.0.0.1").port(0).seed(42).build());
        api = new Api(server.apiUrl());
        client = new ToxiproxyClient("127.0.0.1", server.apiAddress().getPort());
    }

    @AfterEach
    void deleteAllProxies() throws IOException {
        for (var proxy : client.getProxies()) {
            proxy.delete();
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
