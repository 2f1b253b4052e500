package dev.faultline.proxy.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** Client-side socket helpers for the tests. */
public final class Clients {
    private Clients() {
    }

    /** Connects to the proxy on 127.0.0.1 from {@code 127.0.0.1}. */
    public static Socket connect(int port) throws IOException {
        return connectFrom("127.0.0.1", port);
    }

    /** Connects from a chosen loopback address (127.0.0.2 works on Linux without set-up). */
    public static Socket connectFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads exactly {@code n} bytes, failing if the stream ends first. */
    public static byte[] readExactly(Socket socket, int n) throws IOException {
        byte[] buffer = new byte[n];
        InputStream in = socket.getInputStream();
        int read = 0;
        while (read < n) {
            int r = in.read(buffer, read, n - read);
            if (r < 0) {
                throw new AssertionError("stream ended after " + read + " of " + n + " bytes");
            }
            read += r;
        }
        return buffer;
    }

    /** How a read from a socket ended. */
    public enum Outcome { DATA, EOF, RESET, TIMEOUT }

    /** Reads once with a timeout and says what happened. */
    public static Outcome readOnce(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            int r = socket.getInputStream().read(new byte[4096]);
            return r < 0 ? Outcome.EOF : Outcome.DATA;
        } catch (SocketTimeoutException e) {
            return Outcome.TIMEOUT;
        } catch (SocketException e) {
            if (String.valueOf(e.getMessage()).toLowerCase().contains("reset")) {
                return Outcome.RESET;
            }
            throw e;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    /** Reads until end of stream (or reset); returns what arrived. */
    public static byte[] readToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        InputStream in = socket.getInputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    /** Sends {@code message} and reads the echo; returns the round trip in nanoseconds. */
    public static long roundTripNanos(Socket socket, byte[] message) throws IOException {
        long start = System.nanoTime();
        socket.getOutputStream().write(message);
        socket.getOutputStream().flush();
        byte[] echoed = readExactly(socket, message.length);
        long elapsed = System.nanoTime() - start;
        if (!Arrays.equals(echoed, message)) {
            throw new AssertionError("echo differs from what was sent");
        }
        return elapsed;
    }

    public static long medianNanos(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
