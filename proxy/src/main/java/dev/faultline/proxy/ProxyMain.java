package dev.faultline.proxy;

import dev.faultline.proxy.core.HostAndPort;
import java.io.IOException;
import java.security.Security;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point, a stand-in for {@code toxiproxy-server}:
 * {@code java -jar faultline-proxy.jar -host H -port P [-config file.json] [-seed N]}.
 * Exit codes: 0 after SIGTERM/SIGINT, 1 when it cannot start, 2 for a bad command line.
 */
public final class ProxyMain {
    private ProxyMain() {
    }

    public static void main(String[] args) {
        tuneNetty();
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.printHelp()) {
            System.out.println(ServerOptions.USAGE);
            return;
        }
        if (options.printVersion()) {
            System.out.println("faultline-proxy version " + Version.current());
            return;
        }
        // Upstream and client host names must follow DNS changes (containers restart with new
        // addresses), so the JVM may not keep answers for its default 30 s.
        Security.setProperty("networkaddress.cache.ttl", "1");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");

        FaultlineProxy server;
        try {
            server = FaultlineProxy.start(options);
        } catch (IOException | RuntimeException e) {
            System.err.println("faultline-proxy: " + e.getMessage());
            System.exit(1);
            return;
        }
        var address = server.apiAddress();
        System.out.println("faultline-proxy " + Version.current() + " API listening on "
                + HostAndPort.format(address));
        System.out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            server.close();
            stopped.countDown();
        };
        boolean handled = handleSignal("TERM", stop) & handleSignal("INT", stop);
        if (!handled) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "faultline-shutdown"));
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    /**
     * Settings for the shipped server, made before the first Netty class loads: no leak-detection
     * sampling on the data path (the tests keep Netty's default), and Netty may use the JDK internals
     * the jar's manifest opens to it ({@code Add-Opens}) for cheaper direct buffers.
     */
    private static void tuneNetty() {
        System.setProperty("io.netty.leakDetection.level", System.getProperty("io.netty.leakDetection.level", "disabled"));
        System.setProperty("io.netty.tryReflectionSetAccessible",
                System.getProperty("io.netty.tryReflectionSetAccessible", "true"));
    }

    /** Handles a signal ourselves so that SIGTERM exits 0, as toxiproxy-server does, not 143. */
    @SuppressWarnings("removal")
    private static boolean handleSignal(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }
}
