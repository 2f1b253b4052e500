package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class StoreTest {
    private final FakeJdbc jdbc = new FakeJdbc();

    private static int roundTrip(Store store) throws Exception {
        return store.call(c -> 1);
    }

    @Test
    void aSafeStoreReusesOneConnectionForEveryCall() throws Exception {
        Store store = jdbc.store(true);

        for (int i = 0; i < 3; i++) {
            roundTrip(store);
        }

        assertThat(jdbc.opened()).isEqualTo(1);
    }

    @Test
    void anUnsafeStoreOpensAFreshConnectionForEveryCallAndClosesItAfter() throws Exception {
        Store store = jdbc.store(false);

        for (int i = 0; i < 3; i++) {
            roundTrip(store);
        }

        assertThat(jdbc.opened()).isEqualTo(3);
        assertThat(jdbc.closed()).isEqualTo(3);
    }

    @Test
    void aSafeStoreGoesOnOverTheConnectionItHoldsWhenTheStoreHasNoSlotLeft() throws Exception {
        Store store = jdbc.store(true);
        roundTrip(store);

        jdbc.refuse();

        assertThat(roundTrip(store)).isEqualTo(1);
    }

    @Test
    void anUnsafeStoreFailsEveryCallWhenTheStoreHasNoSlotLeft() throws Exception {
        Store store = jdbc.store(false);
        roundTrip(store);

        jdbc.refuse();

        assertThatThrownBy(() -> roundTrip(store)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("too many clients");
    }

    @Test
    void aWarmedSafeStoreAnswersABurstOfCallsOnConnectionsOpenedAhead() throws Exception {
        Store store = jdbc.store(true);
        store.warm(5);
        assertThat(jdbc.opened()).isEqualTo(5);

        Thread[] burst = new Thread[5];
        CountDownLatch together = new CountDownLatch(burst.length);
        for (int i = 0; i < burst.length; i++) {
            burst[i] = new Thread(() -> {
                try {
                    store.call(c -> {
                        together.countDown();
                        together.await(); // every call holds its connection until all five hold one
                        return 1;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            burst[i].start();
        }
        for (Thread t : burst) {
            t.join(10_000);
        }

        assertThat(together.getCount()).isZero();
        assertThat(jdbc.opened()).isEqualTo(5);
    }

    @Test
    void warmingStopsAtTheFirstConnectionTheStoreRefusesAndAnUnsafeStoreOpensNoneAhead() throws Exception {
        Store refused = jdbc.store(true);
        jdbc.refuse();
        refused.warm(5);
        assertThat(jdbc.opened()).isZero();

        FakeJdbc other = new FakeJdbc();
        other.store(false).warm(5);
        assertThat(other.opened()).isZero();
    }
}
