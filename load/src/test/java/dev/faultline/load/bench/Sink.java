package dev.faultline.load.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The load drivers' benchmark target, in a JVM of its own so its CPU is not the harness's: an HTTP/1.1 server on
 * 127.0.0.1 where {@code POST <prefix>/tasks} answers 202 and completes the item's id at once, and
 * {@code GET <prefix>/results[?after=<cursor>]} answers {@code {"completed":[{"id":"...","count":1}, ...],
 * "cursor":"n"}} with the ids completed (after the cursor); {@code GET /connections} answers
 * {@code {"accepted":n}}, the connections accepted so far. Each prefix ({@code /s3}, or none) keeps its own ids, so
 * every step of the benchmark reads only its own.
 *
 * <p>A thread per connection, and a connection is kept until its client closes it. Not the JDK's
 * {@code com.sun.net.httpserver}: under a paced load it closed most connections after one exchange (the client then
 * opened a new one for nearly every request, thousands of sockets in TIME_WAIT, and some requests failed on a
 * connection it had just closed), so the figures measured the server rather than the driver.
 *
 * <p>{@code Sink <port file> <max seconds>}: writes the port it listens on to the file once it listens, and exits
 * after {@code max seconds} at the latest, so a benchmark that dies never leaves it behind.
 */
public final class Sink {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_LINE = 8192;
    private static final byte[] ACCEPTED = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final Map<String, List<String>> completed = new ConcurrentHashMap<>();
    private final AtomicLong connections = new AtomicLong();

    private Sink() {
    }

    public static void main(String[] args) throws Exception {
        Path portFile = Path.of(args[0]);
        long maxSeconds = Long.parseLong(args[1]);
        ExecutorService connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sink-connection");
            t.setDaemon(true);
            return t;
        });
        ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Sink sink = new Sink();
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    sink.connections.incrementAndGet();
                    connections.execute(() -> sink.serve(socket));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "sink-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        Path written = Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"),
                Integer.toString(server.getLocalPort()));
        Files.move(written, portFile, StandardCopyOption.ATOMIC_MOVE); // the reader never sees half a port
        connections.awaitTermination(maxSeconds, TimeUnit.SECONDS); // never shut down: this is the time limit
        System.exit(0);
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
            String requestLine;
            while ((requestLine = line(in)) != null) {
                String[] parts = requestLine.split(" ");
                long length = 0;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = colon < 0 ? "" : header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.contains("chunked");
                        case "connection" -> close = value.contains("close");
                        default -> { }
                    }
                }
                byte[] body = chunked ? chunkedBody(in) : in.readNBytes((int) length);
                if (parts.length < 2) {
                    return;
                }
                out.write(answer(parts[0], parts[1], body));
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or sent what this sink does not read: the connection ends
        }
    }

    private byte[] answer(String method, String target, byte[] body) throws IOException {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        if (method.equals("POST") && path.endsWith("/tasks")) {
            String id = idOf(body);
            if (id == null) {
                return status("400 Bad Request");
            }
            List<String> ids = completed.computeIfAbsent(prefix(path, "/tasks"), p -> new ArrayList<>());
            synchronized (ids) {
                ids.add(id);
            }
            return ACCEPTED;
        }
        if (method.equals("GET") && path.endsWith("/results")) {
            String after = query < 0 || !target.startsWith("after=", query + 1) ? "0" : target.substring(query + 7);
            try {
                return results(prefix(path, "/results"), Integer.parseInt(after));
            } catch (NumberFormatException e) {
                return status("400 Bad Request");
            }
        }
        if (method.equals("GET") && path.equals("/connections")) {
            byte[] json = ("{\"accepted\":" + connections.get() + "}").getBytes(StandardCharsets.US_ASCII);
            return concat(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), json);
        }
        return status("404 Not Found");
    }

    private static byte[] status(String status) {
        return ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] both = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, both, head.length, tail.length);
        return both;
    }

    private static String prefix(String path, String last) {
        return path.substring(0, path.length() - last.length());
    }

    /** The top-level {@code id} of a JSON object, or null. */
    private static String idOf(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                if (name.equals("id") && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // not JSON: answered 400
        }
    }

    private byte[] results(String prefix, int after) throws IOException {
        List<String> ids = completed.computeIfAbsent(prefix, p -> new ArrayList<>());
        List<String> changed;
        int from;
        synchronized (ids) {
            from = Math.max(0, Math.min(after, ids.size()));
            changed = new ArrayList<>(ids.subList(from, ids.size()));
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream(32 + changed.size() * 48);
        try (JsonGenerator g = JSON.createGenerator(json)) {
            g.writeStartObject();
            g.writeArrayFieldStart("completed");
            for (String id : changed) {
                g.writeStartObject();
                g.writeStringField("id", id);
                g.writeNumberField("count", 1);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("cursor", Integer.toString(from + changed.size()));
            g.writeEndObject();
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream(json.size() + 96);
        answer.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.size()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        json.writeTo(answer);
        return answer.toByteArray();
    }

    /** One CRLF-ended line without its end, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b != '\r') {
                if (line.length() >= MAX_LINE) {
                    throw new IOException("a line longer than " + MAX_LINE + " bytes");
                }
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("the stream ended in a chunked body");
            }
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not read
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in); // the CRLF after the chunk
        }
    }
}
