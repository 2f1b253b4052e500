package dev.faultline.proxy.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientScopeTest {
    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void anEmptyScopeMatchesEveryone() throws UnknownHostException {
        assertThat(ClientScope.parse(List.of()).matches(ip("10.1.2.3"), HostResolutions.NONE)).isTrue();
    }

    @Test
    void anIpEntryMatchesExactlyThatAddress() throws UnknownHostException {
        ClientScope scope = ClientScope.parse(List.of("10.0.3.7"));

        assertThat(scope.matches(ip("10.0.3.7"), HostResolutions.NONE)).isTrue();
        assertThat(scope.matches(ip("10.0.3.8"), HostResolutions.NONE)).isFalse();
    }

    @Test
    void aCidrEntryMatchesItsBlockOnly() throws UnknownHostException {
        ClientScope scope = ClientScope.parse(List.of("10.0.3.0/24", "fd00::/64"));

        assertThat(scope.matches(ip("10.0.3.255"), HostResolutions.NONE)).isTrue();
        assertThat(scope.matches(ip("10.0.4.0"), HostResolutions.NONE)).isFalse();
        assertThat(scope.matches(ip("fd00::1"), HostResolutions.NONE)).isTrue();
        assertThat(scope.matches(ip("fd00:0:0:1::1"), HostResolutions.NONE)).isFalse();
    }

    @Test
    void aHostNameEntryMatchesItsCurrentAddressesAndNothingWhenUnresolved() throws UnknownHostException {
        ClientScope scope = ClientScope.parse(List.of("worker-0"));

        assertThat(scope.hostNames()).containsExactly("worker-0");
        assertThat(scope.matches(ip("10.0.3.7"), HostResolutions.NONE)).isFalse();
        HostResolutions resolved = new HostResolutions(Map.of("worker-0", Set.of(ip("10.0.3.7"), ip("10.0.3.9"))));
        assertThat(scope.matches(ip("10.0.3.9"), resolved)).isTrue();
        assertThat(scope.matches(ip("10.0.3.8"), resolved)).isFalse();
    }

    @Test
    void invalidEntriesAreRejectedNamingTheEntry() {
        assertThatThrownBy(() -> ClientScope.parse(List.of("10.0.0.1", "10.0.0.0/33")))
                .hasMessage("clients[1]: expected a CIDR block like 10.0.3.0/24 but was '10.0.0.0/33'");
        assertThatThrownBy(() -> ClientScope.parse(List.of("bad host")))
                .hasMessage("clients[0]: expected an IP address, CIDR block or host name but was 'bad host'");
        assertThatThrownBy(() -> ClientScope.parse(List.of("300.1.1.1")))
                .hasMessage("clients[0]: expected an IP address, CIDR block or host name but was '300.1.1.1'");
        assertThatThrownBy(() -> ClientScope.parse(List.of("")))
                .hasMessage("clients[0]: expected an IP address, CIDR block or host name but was empty");
    }
}
