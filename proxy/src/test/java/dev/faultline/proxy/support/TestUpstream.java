package dev.faultline.proxy.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 that plays the upstream in tests: it echoes, or sends a fixed payload and
 * closes, or reads and counts. Each accepted socket is kept so tests can see what the upstream saw.
 */
public final class TestUpstream implements AutoCloseable {
    /** What the server does with each connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-upstream");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private TestUpstream(Behaviour behaviour) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    accepted.add(socket);
                    connections.incrementAndGet();
                    threads.execute(() -> {
                        try (socket) {
                            behaviour.serve(socket);
                        } catch (IOException e) {
                            // the test closed the connection or the proxy reset it
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Sends back every byte it reads; closes when the client closes. */
    public static TestUpstream echo() throws IOException {
        return new TestUpstream(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        });
    }

    /** Writes {@code payload} to every connection, then keeps it open until the client closes. */
    public static TestUpstream sending(byte[] payload) throws IOException {
        return new TestUpstream(socket -> {
            socket.getOutputStream().write(payload);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // wait for the client to close
            }
        });
    }

    /** Writes {@code payload} to every connection and closes it at once. */
    public static TestUpstream sendingThenClosing(byte[] payload) throws IOException {
        return new TestUpstream(socket -> {
            socket.getOutputStream().write(payload);
            socket.getOutputStream().flush();
        });
    }

    public static TestUpstream custom(Behaviour behaviour) throws IOException {
        return new TestUpstream(behaviour);
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connectionCount() {
        return connections.get();
    }

    public List<Socket> accepted() {
        return accepted;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
