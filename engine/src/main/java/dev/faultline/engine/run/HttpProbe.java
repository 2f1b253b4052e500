package dev.faultline.engine.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One probe request ({@code GET}, HTTP/1.1, {@code Connection: close}) on a plain blocking socket, timed where it
 * happens: {@code sentNanos} just before the request's bytes are written, {@code answeredNanos} when the status line
 * has arrived. A probe's figures are only as sharp as these two instants; an HTTP client that hands a request between
 * threads before it writes it, and the answer back after, adds its own scheduling to both (on two busy cores, 5 to
 * 20 ms where this takes under 2).
 *
 * <p>The whole exchange (connect, write, status line) must fit in {@code within}; after it only the rest of the answer
 * is read, to let the service close first.
 */
final class HttpProbe {
    private static final int STATUS_LINE_MAX = 256;
    private static final int DRAIN_MAX = 64 * 1024;

    private HttpProbe() {
    }

    /**
     * What one request got.
     *
     * @param status        the status received; 0 when none came (refused, reset, closed, nothing within the time)
     * @param failure       why no status came (the exception's simple name, or {@code HttpTimeoutException}); null
     *                      when one did
     * @param sentNanos     {@link System#nanoTime()} just before the request was written (after connecting); when it
     *                      was never written, when the attempt began
     * @param answeredNanos when the status line had arrived, or when the attempt ended without one
     */
    record Answer(int status, String failure, long sentNanos, long answeredNanos) {
    }

    /** Asks {@code 127.0.0.1:port} for {@code path}; never throws, every failure is an {@link Answer}. */
    static Answer get(int port, String path, Duration within) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        long sent = start;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), millisLeft(deadline));
            socket.setSoTimeout(millisLeft(deadline));
            OutputStream out = socket.getOutputStream();
            byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\nUser-Agent: faultline-probe\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            sent = System.nanoTime();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            int status = readStatus(in, deadline);
            long answered = System.nanoTime();
            if (status < 0) {
                return new Answer(0, "IOException (no status line)", sent, answered);
            }
            if (answered > deadline) {
                return new Answer(0, "HttpTimeoutException (answered after " + (answered - sent) / 1_000_000 + "ms)",
                        sent, answered);
            }
            drain(in);
            return new Answer(status, null, sent, answered);
        } catch (SocketTimeoutException e) {
            return new Answer(0, "HttpTimeoutException", sent, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return new Answer(0, e.getClass().getSimpleName(), sent, System.nanoTime());
        }
    }

    /** At least 1: a socket timeout of 0 would mean none. */
    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("no time left");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
    }

    /** The status of {@code HTTP/1.x NNN ...}; -1 when the stream ended or the line is not one. */
    private static int readStatus(InputStream in, long deadline) throws IOException {
        byte[] line = new byte[STATUS_LINE_MAX];
        int n = 0;
        while (n < line.length) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            if (b == '\n') {
                break;
            }
            line[n++] = (byte) b;
            if (n == 12) {
                break; // "HTTP/1.1 200": enough to judge, and the instant it arrived
            }
        }
        String text = new String(line, 0, n, StandardCharsets.US_ASCII);
        if (n < 12 || !text.startsWith("HTTP/1.") || text.charAt(8) != ' ') {
            return -1;
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads what is left of the answer, up to a limit, so the service closes the connection first. */
    private static void drain(InputStream in) {
        byte[] buf = new byte[4096];
        int total = 0;
        try {
            int r;
            while (total < DRAIN_MAX && (r = in.read(buf)) >= 0) {
                total += r;
            }
        } catch (IOException e) {
            // the answer's status is what counts; its rest may be cut short
        }
    }
}
