package dev.faultline.proxy.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.proxy.support.Deadline;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HostNameResolverTest {

    @Test
    void aTrackedNameFollowsItsAddressWhenItChangesAndFailuresMatchNothing() throws Exception {
        AtomicReference<String> address = new AtomicReference<>("10.0.3.7");
        AtomicInteger changes = new AtomicInteger();
        HostNameResolver.Lookup lookup = name -> {
            String current = address.get();
            if (current == null) {
                throw new UnknownHostException(name);
            }
            return new InetAddress[] {InetAddress.getByName(current)};
        };
        try (HostNameResolver resolver = HostNameResolver.start(lookup, changes::incrementAndGet)) {
            resolver.track(Set.of("worker-0"), Set.of("worker-0")).get(1, TimeUnit.SECONDS);
            assertThat(resolver.current().addressesOf("worker-0")).containsExactly(InetAddress.getByName("10.0.3.7"));

            address.set("10.0.3.9");
            Deadline.await("the resolver sees the new address", HostNameResolver.REFRESH_INTERVAL.plusSeconds(2),
                    () -> resolver.current().addressesOf("worker-0").contains(addressOf("10.0.3.9")));

            address.set(null);
            Deadline.await("a failed look-up maps the name to no address", HostNameResolver.REFRESH_INTERVAL.plusSeconds(2),
                    () -> resolver.current().addressesOf("worker-0").isEmpty());
            assertThat(changes.get()).isEqualTo(3);
        }
    }

    @Test
    void namesNoLongerTrackedAreForgotten() throws Exception {
        try (HostNameResolver resolver = HostNameResolver.start(name -> new InetAddress[] {InetAddress.getByName("10.0.0.1")}, () -> { })) {
            resolver.track(Set.of("a"), Set.of("a")).get(1, TimeUnit.SECONDS);

            resolver.track(Set.of(), Set.of()).get(1, TimeUnit.SECONDS);

            assertThat(resolver.current().byName()).isEmpty();
        }
    }

    private static InetAddress addressOf(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
