package dev.faultline.proxy.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@code host:port} address as written in a proxy's {@code listen} or {@code upstream} field;
 * IPv6 hosts are bracketed ({@code [::1]:80}). The host may be a name, resolved only when used.
 */
public record HostAndPort(String host, int port) {
    public HostAndPort {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535 but was " + port);
        }
    }

    /**
     * Parses {@code host:port}, {@code [v6]:port} or {@code :port} (all interfaces).
     *
     * @throws IllegalArgumentException with Go's wording, e.g. {@code address foo: missing port in address}
     */
    public static HostAndPort parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address " + address + ": missing port in address");
        }
        String host = address.substring(0, colon);
        String portText = address.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                throw new IllegalArgumentException("address " + address + ": missing ']' in address");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("address " + address + ": too many colons in address");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address " + address + ": invalid port \"" + portText + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("address " + address + ": invalid port " + port);
        }
        return new HostAndPort(host, port);
    }

    /** Formats a bound or resolved socket address the way Go prints it: {@code 127.0.0.1:80}, {@code [::1]:80}. */
    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host;
        if (ip == null) {
            host = address.getHostString();
        } else if (ip instanceof Inet6Address) {
            String literal = ip.getHostAddress();
            int scope = literal.indexOf('%');
            literal = scope >= 0 ? literal.substring(0, scope) : literal;
            host = "[" + (ip.isAnyLocalAddress() ? "::" : compressIpv6(literal)) + "]";
        } else {
            host = ip.getHostAddress();
        }
        return host + ":" + address.getPort();
    }

    private static String compressIpv6(String literal) {
        // Java prints 0:0:0:0:0:0:0:1; Go prints ::1. Replace the longest run of zero groups with "::".
        String[] groups = literal.split(":");
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength && j - i > 1) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return literal;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /** True when the host is an IP literal, so using it needs no DNS look-up. */
    public boolean isIpLiteral() {
        return IpLiterals.parse(host) != null;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
