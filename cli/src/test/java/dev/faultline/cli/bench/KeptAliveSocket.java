package dev.faultline.cli.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One HTTP/1.1 connection to the agent, kept alive between requests, asked one request at a time on a plain socket:
 * each request timed just before it is written and when its status line arrives, with no client's threads in
 * between (the onset witness: its bracket is only as narrow as these instants).
 */
final class KeptAliveSocket implements AutoCloseable {
    private final Socket socket = new Socket();
    private final int port;
    private InputStream in;
    private OutputStream out;

    KeptAliveSocket(int port) {
        this.port = port;
    }

    /** Connects; the first {@link #ask} then goes on a connection the agent has accepted already. */
    KeptAliveSocket open(Duration timeout) throws IOException {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        return this;
    }

    /** One request and its whole answer; a broken connection is an answer with its error (never thrown). */
    AgentWitness.Answer ask(String path) {
        Instant sent = Instant.now();
        try {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line(in);
            Instant answered = Instant.now();
            if (status == null || !status.startsWith("HTTP/1.") || status.length() < 12) {
                return new AgentWitness.Answer(sent, answered, -1, 1, "no status line (connection closed)");
            }
            long length = 0;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring("content-length:".length()).trim());
                }
            }
            for (long i = 0; i < length; i++) {
                if (in.read() < 0) {
                    break;
                }
            }
            return new AgentWitness.Answer(sent, answered, Integer.parseInt(status.substring(9, 12)), 1, null);
        } catch (IOException | RuntimeException e) {
            return new AgentWitness.Answer(sent, Instant.now(), -1, 1, e.toString());
        }
    }

    /** A line (status or header) without its CRLF; null at the end of the stream. */
    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString().stripTrailing();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString().stripTrailing();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
