package dev.faultline.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
