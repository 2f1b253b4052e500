package dev.faultline.injectors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dev.faultline.engine.spi.Fault;

/**
 * {@code data-corruption} of kind {@code duplicate-delivery} passes the fault contract against real RabbitMQ
 * brokers, while the test feeds each broker's queue 50 messages a second that its worker consumes: verified when the
 * broker traced a copy's delivery to the worker; reverted means tracing is off again, and Faultline's queue and
 * connection are gone.
 */
class DuplicateDeliveryContractIT extends BrokerContract {
    private final List<Feed> feeds = new ArrayList<>();

    @Override
    protected String with() {
        return "{kind: duplicate-delivery, rate: 50%, queue: " + BrokerTargets.QUEUE + "}";
    }

    @Override
    protected Duration duration() {
        return Duration.ofSeconds(5);
    }

    /** No message is delivered while the fault lasts (nothing is published to the queue): nothing to duplicate. */
    @Override
    protected void applyWithoutEffect(Fault.Handle run) throws Exception {
        feeds.get(0).stop();
        run.apply();
    }

    @BeforeEach
    void feedTheQueues() throws Exception {
        for (Side side : Side.values()) {
            Feed feed = new Feed(instance(side));
            feeds.add(feed);
            feed.start();
        }
    }

    @AfterEach
    void stopFeeding() throws Exception {
        for (Feed feed : feeds) {
            feed.stop();
        }
    }

    /** Publishes a message to the queue every 20 ms from a connection of the test's own. */
    private static final class Feed {
        private final String broker;
        private Connection connection;
        private Thread thread;
        private volatile boolean running = true;

        Feed(String broker) {
            this.broker = broker;
        }

        void start() throws Exception {
            connection = BrokerTargets.connect(broker, "feed");
            Channel channel = connection.createChannel();
            thread = new Thread(() -> {
                long next = System.nanoTime();
                for (int i = 0; running; i++) {
                    try {
                        channel.basicPublish("", BrokerTargets.QUEUE, null,
                                ("feed " + i).getBytes(StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        return;
                    }
                    next += 20_000_000L;
                    LockSupport.parkNanos(next - System.nanoTime()); // the pace of the feed is the point
                }
            }, "it-feed-" + broker);
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws Exception {
            running = false;
            thread.join();
            if (connection.isOpen()) {
                connection.close();
            }
        }
    }
}
