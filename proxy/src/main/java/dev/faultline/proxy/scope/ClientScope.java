package dev.faultline.proxy.scope;

import dev.faultline.proxy.core.IpLiterals;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Faultline extension: which client connections a toxic applies to. Each entry is an IP literal
 * ({@code 10.0.3.7}), a CIDR block ({@code 10.0.3.0/24}) or a host name ({@code worker-0}), a host
 * name matching every address it currently resolves to. An empty scope applies to every connection.
 */
public final class ClientScope {
    public static final ClientScope EVERYONE = new ClientScope(List.of(), List.of());

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*\\.?");

    private final List<String> entries;
    private final List<Entry> parsed;

    private ClientScope(List<String> entries, List<Entry> parsed) {
        this.entries = List.copyOf(entries);
        this.parsed = List.copyOf(parsed);
    }

    /**
     * Parses entries as written in the toxic's {@code clients} array.
     *
     * @throws IllegalArgumentException naming the entry ({@code clients[2]}), what was expected and what was found
     */
    public static ClientScope parse(List<String> entries) {
        if (entries.isEmpty()) {
            return EVERYONE;
        }
        List<Entry> parsed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            parsed.add(parseEntry(i, entries.get(i)));
        }
        return new ClientScope(entries, parsed);
    }

    private static Entry parseEntry(int index, String text) {
        String where = "clients[" + index + "]";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(where + ": expected an IP address, CIDR block or host name but was empty");
        }
        int slash = text.indexOf('/');
        if (slash >= 0) {
            InetAddress network = IpLiterals.parse(text.substring(0, slash));
            int maxPrefix = network instanceof Inet4Address ? 32 : 128;
            int prefix;
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (network == null || prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException(where + ": expected a CIDR block like 10.0.3.0/24 but was '" + text + "'");
            }
            return new Cidr(network.getAddress(), prefix);
        }
        InetAddress literal = IpLiterals.parse(text);
        if (literal != null) {
            return new Exact(literal);
        }
        if (text.indexOf(':') >= 0 || !HOST_NAME.matcher(text).matches() || text.matches("[0-9.]+")) {
            throw new IllegalArgumentException(where
                    + ": expected an IP address, CIDR block or host name but was '" + text + "'");
        }
        return new HostName(text.toLowerCase(Locale.ROOT));
    }

    /** The entries as given, for the toxic's JSON. */
    public List<String> entries() {
        return entries;
    }

    public boolean isEveryone() {
        return parsed.isEmpty();
    }

    /** Host names among the entries, which need DNS to match. */
    public Set<String> hostNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Entry entry : parsed) {
            if (entry instanceof HostName host) {
                names.add(host.name());
            }
        }
        return names;
    }

    /** Whether a connection from {@code client} is in scope, given the current host name resolutions. */
    public boolean matches(InetAddress client, HostResolutions resolutions) {
        if (parsed.isEmpty()) {
            return true;
        }
        for (Entry entry : parsed) {
            if (entry.matches(client, resolutions)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientScope other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    private sealed interface Entry permits Exact, Cidr, HostName {
        boolean matches(InetAddress client, HostResolutions resolutions);
    }

    private record Exact(InetAddress address) implements Entry {
        @Override
        public boolean matches(InetAddress client, HostResolutions resolutions) {
            return address.equals(client);
        }
    }

    private record Cidr(byte[] network, int prefix) implements Entry {
        @Override
        public boolean matches(InetAddress client, HostResolutions resolutions) {
            byte[] address = client.getAddress();
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefix % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - remainingBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private record HostName(String name) implements Entry {
        @Override
        public boolean matches(InetAddress client, HostResolutions resolutions) {
            return resolutions.addressesOf(name).contains(client);
        }
    }
}
