package dev.faultline.cli;

import java.io.PrintStream;

import sun.misc.Signal;

import dev.faultline.engine.run.RunOptions;

/**
 * Ctrl-C (SIGINT) and SIGTERM cancel the run instead of ending the JVM, so the runner reverts every fault, removes
 * every container and writes its results, and the exit code is ABORTED's. A second signal ends the JVM at once;
 * the next run reaps what it left.
 */
final class Interrupts {
    private Interrupts() {
    }

    static void onInterrupt(PrintStream out, RunOptions.Cancellation cancellation) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (cancellation.cancelled()) {
                        out.println("\nfaultline: second SIG" + name + ": exiting now; the next run removes what is left");
                        Runtime.getRuntime().halt(130);
                    }
                    out.println("\nfaultline: SIG" + name + ": reverting faults and removing containers (again to force)...");
                    cancellation.cancel("interrupted (SIG" + name + ")");
                });
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal: the shutdown hook still cleans up
            }
        }
    }
}
