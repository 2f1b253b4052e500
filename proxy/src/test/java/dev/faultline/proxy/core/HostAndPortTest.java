package dev.faultline.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostAndPortTest {

    @Test
    void parsesNamesIpv4BracketedIpv6AndAnEmptyHost() {
        assertThat(HostAndPort.parse("db:5432")).isEqualTo(new HostAndPort("db", 5432));
        assertThat(HostAndPort.parse("10.0.0.1:80")).isEqualTo(new HostAndPort("10.0.0.1", 80));
        assertThat(HostAndPort.parse("[::1]:80")).isEqualTo(new HostAndPort("::1", 80));
        assertThat(HostAndPort.parse(":8080")).isEqualTo(new HostAndPort("", 8080));
    }

    @Test
    void rejectsWithGosWording() {
        assertThatThrownBy(() -> HostAndPort.parse("db")).hasMessage("address db: missing port in address");
        assertThatThrownBy(() -> HostAndPort.parse("::1:80")).hasMessage("address ::1:80: too many colons in address");
        assertThatThrownBy(() -> HostAndPort.parse("db:http")).hasMessage("address db:http: invalid port \"http\"");
    }

    @Test
    void formatsBoundAddressesAsGoPrintsThem() throws Exception {
        assertThat(HostAndPort.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80))).isEqualTo("127.0.0.1:80");
        assertThat(HostAndPort.format(new InetSocketAddress(InetAddress.getByName("::1"), 80))).isEqualTo("[::1]:80");
        assertThat(HostAndPort.format(new InetSocketAddress(InetAddress.getByName("fd00::0:0:1"), 80))).isEqualTo("[fd00::1]:80");
    }
}
