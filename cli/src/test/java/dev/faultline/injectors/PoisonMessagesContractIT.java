package dev.faultline.injectors;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;

import dev.faultline.engine.spi.Fault;

/**
 * {@code data-corruption} of kind {@code poison-messages} passes the fault contract against real RabbitMQ brokers:
 * verified when the broker confirmed every malformed message routed to the queue; reverted means Faultline's
 * connection is gone.
 */
class PoisonMessagesContractIT extends BrokerContract {
    private static final String FULL = "faultline-it-full";

    @Override
    protected String with() {
        return "{kind: poison-messages, count: 12, queue: " + BrokerTargets.QUEUE + "}";
    }

    @Override
    protected Duration duration() {
        return null;
    }

    /** The queue refuses every new message (a length limit of 0 that rejects publishes): the broker nacks them. */
    @Override
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        BrokerTargets.rabbitmqctl(instance(Side.FIRST), "set_policy", "--apply-to", "queues", FULL,
                "^" + BrokerTargets.QUEUE + "$", "{\"max-length\": 0, \"overflow\": \"reject-publish\"}");
        run.apply();
    }

    /** Whether or not a test set it (clearing a policy that is not there fails, harmlessly). */
    @AfterEach
    void clearThePolicy() {
        control(Side.FIRST).run(instance(Side.FIRST), "rabbitmqctl", "clear_policy", FULL);
    }
}
