package dev.faultline.injectors;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** A TCP client connection from 127.0.0.1, for measuring what a fault does to traffic through the proxy. */
final class Client implements AutoCloseable {
    private final Socket socket;

    private Client(Socket socket) {
        this.socket = socket;
    }

    static Client connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        return new Client(socket);
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Exactly {@code n} bytes, or empty when they did not all arrive within {@code within}. */
    Optional<byte[]> receive(int n, Duration within) throws IOException {
        byte[] buffer = new byte[n];
        int read = 0;
        long deadline = System.nanoTime() + within.toNanos();
        InputStream in = socket.getInputStream();
        while (read < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            try {
                int r = in.read(buffer, read, n - read);
                if (r < 0) {
                    throw new IOException("connection closed after " + read + " of " + n + " bytes");
                }
                read += r;
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
        }
        return Optional.of(buffer);
    }

    /** Sends {@code message} and waits for its echo; the time it took. */
    Duration roundTrip(byte[] message, Duration within) throws IOException {
        long start = System.nanoTime();
        send(message);
        byte[] echo = receive(message.length, within)
                .orElseThrow(() -> new AssertionError("no echo within " + within.toMillis() + " ms"));
        if (!Arrays.equals(echo, message)) {
            throw new AssertionError("echo differs from what was sent");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
