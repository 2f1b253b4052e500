package dev.faultline.cli.drill;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** A webhook receiver on 127.0.0.1 for the drill tests: keeps every JSON message POSTed to {@link #url()}. */
public final class WebhookSink implements AutoCloseable {
    private final HttpServer server;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    public WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ObjectMapper json = new ObjectMapper();
        server.createContext("/hook", exchange -> {
            events.add(json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The messages received so far, in order. */
    public List<JsonNode> events() {
        return events;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
