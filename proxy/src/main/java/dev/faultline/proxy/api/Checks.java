package dev.faultline.proxy.api;

import dev.faultline.proxy.core.HostAndPort;
import dev.faultline.proxy.core.IpLiterals;
import java.util.regex.Pattern;

/**
 * The checks on what a request asks to store, so that nothing stored can break a later answer or the
 * traffic: names, {@code host:port} addresses and toxicity. Each failure is a 400 naming the field, what
 * was expected and (a short excerpt of) what was found.
 */
final class Checks {
    static final int MAX_NAME_LENGTH = 128;
    static final int MAX_HOST_LENGTH = 253;
    /** Printable ASCII but for characters that would make the name unreachable in a URL path. */
    private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e&&[^/?#%\\\\]]{1," + MAX_NAME_LENGTH + "}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*\\.?");

    private Checks() {
    }

    /** A proxy or toxic name. */
    static String name(String field, String value) {
        if (!NAME.matcher(value).matches()) {
            throw ApiException.badRequestBody(field + ": expected 1 to " + MAX_NAME_LENGTH
                    + " printable ASCII characters other than / ? # % \\ but was '" + value + "'");
        }
        return value;
    }

    /**
     * A {@code listen} or {@code upstream} address: {@code host:port}, {@code [v6]:port} or, when
     * {@code emptyHost}, {@code :port}; the host an IP literal or a DNS name, the port within
     * {@code minPort..65535}.
     */
    static String address(String field, String value, int minPort, boolean emptyHost) {
        HostAndPort parsed;
        try {
            parsed = HostAndPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequestBody(field + ": expected host:port but was '" + value + "'");
        }
        String host = parsed.host();
        boolean hostOk = host.isEmpty() ? emptyHost
                : host.length() <= MAX_HOST_LENGTH && (IpLiterals.parse(host) != null
                        || (host.indexOf(':') < 0 && HOST_NAME.matcher(host).matches()));
        if (!hostOk) {
            throw ApiException.badRequestBody(field + ": expected an IP address or host name before the port but was '"
                    + value + "'");
        }
        if (parsed.port() < minPort) {
            throw ApiException.badRequestBody(field + ": expected a port within " + minPort + "..65535 but was "
                    + parsed.port());
        }
        return value;
    }

    /** A toxic's toxicity: a probability. */
    static float toxicity(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw ApiException.badRequestBody("toxicity: expected a probability within 0..1 but was " + value);
        }
        return (float) value;
    }
}
