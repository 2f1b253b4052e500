package dev.faultline.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.proxy.support.ProxyServerTest;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The official Java client (toxiproxy-java 2.1.11), as Testcontainers' ToxiproxyContainer uses it. */
class JavaClientTest extends ProxyServerTest {

    @Test
    void clientCreatesListsFindsAndDeletesProxies() throws IOException {
        Proxy created = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");

        assertThat(created.getName()).isEqualTo("db");
        assertThat(created.getListen()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
        assertThat(created.getUpstream()).isEqualTo("127.0.0.1:5432");
        assertThat(created.isEnabled()).isTrue();
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("db");
        assertThat(client.getProxy("db").getListen()).isEqualTo(created.getListen());

        created.delete();
        assertThat(client.getProxyOrNull("db")).isNull();
    }

    @Test
    void clientErrorsCarryToxiproxysMessage() throws IOException {
        client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");

        assertThatThrownBy(() -> client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432"))
                .isInstanceOf(IOException.class).hasMessage("[409] proxy already exists");
        assertThatThrownBy(() -> client.getProxy("nope"))
                .isInstanceOf(IOException.class).hasMessage("[404] proxy not found");
    }

    @Test
    void clientDisablesAndEnablesAProxy() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");

        proxy.disable();
        assertThat(client.getProxy("db").isEnabled()).isFalse();
        proxy.enable();
        assertThat(client.getProxy("db").isEnabled()).isTrue();
    }

    @Test
    void clientAddsReadsUpdatesAndRemovesToxics() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");

        Latency latency = proxy.toxics().latency("lag", ToxicDirection.UPSTREAM, 100);
        latency.setJitter(15);
        latency.setToxicity(0.5f);
        proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 1000);
        proxy.toxics().slicer("cut", ToxicDirection.DOWNSTREAM, 10, 100).setSizeVariation(2);

        Latency read = proxy.toxics().get("lag", Latency.class);
        assertThat(read.getLatency()).isEqualTo(100);
        assertThat(read.getJitter()).isEqualTo(15);
        assertThat(read.getToxicity()).isEqualTo(0.5f);
        assertThat(read.getStream()).isEqualTo(ToxicDirection.UPSTREAM);
        assertThat(proxy.toxics().get("cap", LimitData.class).getBytes()).isEqualTo(1000);
        assertThat(proxy.toxics().get("cut", Slicer.class).getSizeVariation()).isEqualTo(2);
        assertThat(proxy.toxics().getAll()).extracting(t -> t.getName()).containsExactly("lag", "cap", "cut");

        latency.remove();
        assertThat(proxy.toxics().getAll()).extracting(t -> t.getName()).containsExactly("cap", "cut");
    }

    @Test
    void clientCreatesEveryToxicTypeItKnows() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");

        proxy.toxics().bandwidth("bw", ToxicDirection.DOWNSTREAM, 100);
        proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 10);
        proxy.toxics().timeout("to", ToxicDirection.UPSTREAM, 10);
        proxy.toxics().resetPeer("rp", ToxicDirection.UPSTREAM, 10);

        assertThat(proxy.toxics().getAll()).extracting(t -> t.getName()).containsExactly("to", "rp", "bw", "sc");
    }

    @Test
    void clientResetRemovesToxicsAndEnablesProxies() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");
        proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 100);
        proxy.disable();

        client.reset();

        assertThat(client.getProxy("db").isEnabled()).isTrue();
        assertThat(proxy.toxics().getAll()).isEmpty();
    }

    /**
     * A limitation of toxiproxy-java 2.1.11, not of the server: it maps each toxic's type onto its own
     * enum, so one toxic of a type it does not know (Faultline's {@code corrupt}) makes listing fail.
     * Faultline code that uses {@code corrupt} reads toxics over raw HTTP.
     */
    @Test
    void theJavaClientCannotListToxicsOnceACorruptToxicIsPresent() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:5432");
        proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 100);

        api.addToxic("db", "{\"type\":\"corrupt\",\"attributes\":{\"rate\":0.01}}");

        assertThatThrownBy(() -> proxy.toxics().getAll()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CORRUPT");
        assertThat(proxy.toxics().get("lag", Latency.class).getLatency()).isEqualTo(100);
    }
}
