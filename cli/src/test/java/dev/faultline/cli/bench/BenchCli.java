package dev.faultline.cli.bench;

import java.util.function.BiConsumer;
import java.util.function.Function;

import org.testcontainers.DockerClientFactory;

/** What every benchmark's command line shares: {@code --option value} pairs, help, exit statuses, Docker. */
final class BenchCli {
    private BenchCli() {
    }

    /** A benchmark's body: returns the process's exit status. */
    interface Body<O> {
        int run(O options) throws Exception;
    }

    /**
     * Parses {@code args} with {@code parse} (null: help was asked for, so {@code usage} is printed) and exits with
     * what {@code body} returns; bad options exit 2 with what was wrong and {@code usage}.
     */
    static <O> void main(String tool, String usage, String[] args, Function<String[], O> parse, Body<O> body)
            throws Exception {
        O options;
        try {
            options = parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(tool + ": " + e.getMessage());
            System.err.print(usage);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(usage);
            return;
        }
        System.exit(body.run(options));
    }

    /**
     * Hands every {@code --option value} pair of {@code args} to {@code set}, in order; false when help was asked
     * for. A missing value or a stray argument throws with what was wrong.
     */
    static boolean options(String[] args, BiConsumer<String, String> set) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return false;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg.startsWith("--") ? arg + " needs a value"
                        : "unexpected argument '" + arg + "'");
            }
            set.accept(arg, args[++i]);
        }
        return true;
    }

    /** {@code value} as a whole number of at least {@code least}, or an error naming {@code option}. */
    static int wholeNumber(String option, String value, int least) {
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": expected a whole number of at least " + least
                + " but was '" + value + "'");
    }

    /** Whether a Docker engine answers; says so on standard error when none does. */
    static boolean dockerAnswers(String tool) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return true;
        }
        System.err.println(tool + ": no Docker engine answers; run docker/bootstrap.sh first");
        return false;
    }
}
