package dev.faultline.proxy;

import dev.faultline.proxy.core.Limits;
import dev.faultline.proxy.scope.ClientScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the server is started: where the HTTP API listens, which proxies to create at start and how
 * toxics draw their random numbers. Built from a command line by {@link #parse(String...)} or in code
 * by {@link #builder()}; both run the same checks.
 */
public final class ServerOptions {
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 8474;

    static final String USAGE = String.join("\n",
            "Usage: java -jar faultline-proxy.jar [flags]",
            "  -host string    Host for the API to listen on (default \"localhost\")",
            "  -port string    Port for the API to listen on (default \"8474\")",
            "  -config string  JSON file containing proxies to create on startup",
            "  -seed int       Seed for randomizing toxics with (default: random)",
            "  -max-proxies int                 Most proxies that may exist at once (default 256)",
            "  -max-toxics int                  Most toxics per proxy (default 64)",
            "  -max-connections int             Most client connections over all proxies (default 4096)",
            "  -max-connections-per-proxy int   Most client connections per proxy (default 1024)",
            "  -max-api-connections int         Most connections to the API at once (default 64)",
            "  -api-idle-timeout duration       Closes an API connection idle this long (default 60s)",
            "  -api-clients list                Comma-separated IP addresses and CIDR blocks that may use the API",
            "                                   (default: any); others are answered 403 and closed",
            "  -version        Print the version and exit",
            "  -h, -help       Print this help and exit",
            "Flags may be written -flag value, -flag=value, --flag value or --flag=value.");

    private final String host;
    private final int port;
    private final Path config;
    private final Long seed;
    private final boolean printVersion;
    private final boolean printHelp;
    private final Limits limits;
    private final ClientScope apiClients;

    private ServerOptions(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.config = builder.config;
        this.seed = builder.seed;
        this.printVersion = builder.printVersion;
        this.printHelp = builder.printHelp;
        this.limits = builder.limits;
        this.apiClients = builder.apiClients;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ServerOptions defaults() {
        return builder().build();
    }

    /**
     * Reads a toxiproxy-server style command line. Flags take Go's spellings: {@code -host H},
     * {@code -host=H}, {@code --host H}, {@code --host=H}.
     *
     * @throws UsageException naming the flag or argument that is wrong
     */
    public static ServerOptions parse(String... args) throws UsageException {
        Builder builder = builder();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                throw new UsageException("unexpected argument '" + arg + "': every argument must be a flag");
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            switch (name) {
                case "host", "port", "config", "seed", "max-proxies", "max-toxics", "max-connections",
                        "max-connections-per-proxy", "max-api-connections", "api-idle-timeout", "api-clients" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("flag needs an argument: -" + name);
                        }
                        value = args[++i];
                    }
                    applyValueFlag(builder, name, value);
                }
                case "version" -> builder.printVersion = parseBoolean(name, value);
                case "h", "help" -> builder.printHelp = parseBoolean(name, value);
                case "proxy-metrics", "runtime-metrics" -> {
                    parseBoolean(name, value);
                    warnings.add("-" + name + " is accepted for compatibility but faultline-proxy has no /metrics");
                }
                default -> throw new UsageException("flag provided but not defined: -" + name);
            }
        }
        ServerOptions options = builder.build();
        warnings.forEach(w -> System.err.println("warning: " + w));
        return options;
    }

    private static void applyValueFlag(Builder builder, String name, String value) throws UsageException {
        try {
            switch (name) {
                case "host" -> builder.host(value);
                case "port" -> builder.port(parsePort(value));
                case "config" -> builder.config(Path.of(value));
                case "seed" -> builder.seed(parseSeed(value));
                case "api-idle-timeout" -> builder.apiIdleTimeout(parseDuration(value));
                case "api-clients" -> builder.apiClients(Arrays.asList(value.split(",", -1)));
                default -> applyLimitFlag(builder, name, parseCount(value));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value \"" + value + "\" for flag -" + name + ": " + e.getMessage());
        }
    }

    private static void applyLimitFlag(Builder builder, String name, int value) {
        Limits l = builder.limits;
        builder.limits = switch (name) {
            case "max-proxies" -> new Limits(value, l.maxToxicsPerProxy(), l.maxConnections(), l.maxConnectionsPerProxy(),
                    l.maxApiConnections(), l.apiIdleTimeout());
            case "max-toxics" -> new Limits(l.maxProxies(), value, l.maxConnections(), l.maxConnectionsPerProxy(),
                    l.maxApiConnections(), l.apiIdleTimeout());
            case "max-connections" -> new Limits(l.maxProxies(), l.maxToxicsPerProxy(), value, l.maxConnectionsPerProxy(),
                    l.maxApiConnections(), l.apiIdleTimeout());
            case "max-connections-per-proxy" -> new Limits(l.maxProxies(), l.maxToxicsPerProxy(), l.maxConnections(), value,
                    l.maxApiConnections(), l.apiIdleTimeout());
            case "max-api-connections" -> new Limits(l.maxProxies(), l.maxToxicsPerProxy(), l.maxConnections(),
                    l.maxConnectionsPerProxy(), value, l.apiIdleTimeout());
            default -> throw new IllegalStateException("not a value flag: " + name);
        };
    }

    private static int parseCount(String value) {
        int count;
        try {
            count = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number of at least 1");
        }
        if (count < 1) {
            throw new IllegalArgumentException("expected a whole number of at least 1");
        }
        return count;
    }

    /** A Go duration of one unit: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}. */
    static Duration parseDuration(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h)").matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 60s, 5m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("expected a positive duration");
        }
        return duration;
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port number 0..65535");
        }
    }

    private static long parseSeed(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a 64-bit integer");
        }
    }

    private static boolean parseBoolean(String name, String value) throws UsageException {
        if (value == null || value.equals("true") || value.equals("1")) {
            return true;
        }
        if (value.equals("false") || value.equals("0")) {
            return false;
        }
        throw new UsageException("invalid boolean value \"" + value + "\" for flag -" + name + ": expected true or false");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    public OptionalLong seed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    public boolean printVersion() {
        return printVersion;
    }

    public boolean printHelp() {
        return printHelp;
    }

    public Limits limits() {
        return limits;
    }

    /** Who may use the API; {@link ClientScope#EVERYONE} unless {@code -api-clients} was given. */
    public ClientScope apiClients() {
        return apiClients;
    }

    @Override
    public String toString() {
        return "ServerOptions[host=" + host + ", port=" + port + ", config=" + config + ", seed=" + seed
                + ", limits=" + limits + ", apiClients=" + apiClients + "]";
    }

    /** Builds {@link ServerOptions}; each setter checks its argument. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path config;
        private Long seed;
        private boolean printVersion;
        private boolean printHelp;
        private Limits limits = Limits.DEFAULTS;
        private ClientScope apiClients = ClientScope.EVERYONE;

        private Builder() {
        }

        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host;
            return this;
        }

        /** The API port; 0 picks a free one (see {@link FaultlineProxy#apiAddress()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535 but was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder config(Path config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder apiIdleTimeout(Duration timeout) {
            Limits l = limits;
            this.limits = new Limits(l.maxProxies(), l.maxToxicsPerProxy(), l.maxConnections(), l.maxConnectionsPerProxy(),
                    l.maxApiConnections(), timeout);
            return this;
        }

        /**
         * The addresses that may use the API: IP literals and CIDR blocks, no host names (a name would make
         * the check depend on DNS, which a neighbour may answer).
         */
        public Builder apiClients(List<String> entries) {
            ClientScope scope = ClientScope.parse(entries.stream().map(String::trim).toList());
            if (!scope.hostNames().isEmpty()) {
                throw new IllegalArgumentException("expected IP addresses and CIDR blocks but found the host name "
                        + scope.hostNames().iterator().next());
            }
            this.apiClients = scope;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(this);
        }
    }
}
