package dev.faultline.agents;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Frame;
import com.rabbitmq.client.impl.LongStringHelper;
import com.rabbitmq.client.impl.Method;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A scripted stand-in for RabbitMQ on 127.0.0.1: speaks just enough AMQP 0-9-1 for the agent's broker link and one
 * consumer (handshake, channels, queue.declare, basic.qos, basic.consume and cancel, and publisher confirms: every
 * publish on a channel in confirm mode is confirmed at once), answers each RPC, records every
 * method the client sends, and hands each new consumer and each settlement to a {@link Script} that decides what to
 * deliver, or what garbage to send.
 */
final class FakeAmqpBroker implements AutoCloseable {
    /** What the fake broker does when the client starts consuming or settles a delivery. */
    interface Script {
        void onConsume(Session session, int channel, String consumerTag) throws IOException;

        default void onSettle(Session session, int channel, Method settlement) throws IOException {}
    }

    /** One method the client sent: on which connection (1, 2, ..) and channel. */
    record Received(int session, int channel, Method method) {}

    private final ServerSocket server;
    private final Script script;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final AtomicInteger consumerTags = new AtomicInteger();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-broker-heartbeats");
        t.setDaemon(true);
        return t;
    });
    private final Thread acceptor;
    private volatile CountDownLatch held;
    /** The message count every queue.declare-ok reports: messages ready in the queue. */
    volatile int readyMessages;

    FakeAmqpBroker(Script script) throws IOException {
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::accept, "fake-broker-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        heartbeats.scheduleAtFixedRate(this::beat, 500, 500, TimeUnit.MILLISECONDS);
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * A network partition that keeps connections open: from now on nothing the client sends is answered and no
     * heartbeat goes out, until {@link #release()}; then everything held is answered in order, as when bytes flow again.
     */
    void hold() {
        held = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch h = held;
        held = null;
        if (h != null) {
            h.countDown();
        }
    }

    /** How many connections the client has opened so far. */
    int sessions() {
        return sessions.size();
    }

    /** The methods of one type the client has sent, in order. */
    <M> List<M> received(Class<M> type) {
        return received.stream().map(Received::method).filter(type::isInstance).map(type::cast)
                .collect(Collectors.toList());
    }

    /** The methods of one type the client has sent on one connection. */
    <M> List<M> received(int session, Class<M> type) {
        return received.stream().filter(r -> r.session() == session).map(Received::method).filter(type::isInstance)
                .map(type::cast).collect(Collectors.toList());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Session session = new Session(sessions.size() + 1, socket);
                sessions.add(session);
                Thread reader = new Thread(session::serve, "fake-broker-session-" + session.number);
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void beat() {
        if (held != null) {
            return;
        }
        for (Session s : sessions) {
            try {
                s.write(new Frame(AMQP.FRAME_HEARTBEAT, 0));
            } catch (IOException e) {
                // that connection is gone
            }
        }
    }

    /** One client connection. */
    final class Session {
        final int number;
        private final Socket socket;
        private final DataOutputStream out;
        private final Map<Integer, Long> published = new java.util.concurrent.ConcurrentHashMap<>(); // confirm mode

        Session(int number, Socket socket) throws IOException {
            this.number = number;
            this.socket = socket;
            this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        }

        /** Sends one delivery: the deliver method, the content header and the body. */
        void deliver(int channel, String consumerTag, long deliveryTag, boolean redelivered,
                AMQP.BasicProperties properties, byte[] body) throws IOException {
            Frame method = new AMQImpl.Basic.Deliver(consumerTag, deliveryTag, redelivered, "", "tasks").toFrame(channel);
            Frame header = properties.toFrame(channel, body.length);
            synchronized (out) {
                method.writeTo(out);
                header.writeTo(out);
                if (body.length > 0) {
                    Frame.fromBodyFragment(channel, body, 0, body.length).writeTo(out);
                }
                out.flush();
            }
        }

        /** Sends bytes as they are: garbage where the client expects a frame. */
        void writeRaw(byte[] bytes) throws IOException {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        }

        void send(int channel, Method method) throws IOException {
            write(method.toFrame(channel));
        }

        private void write(Frame frame) throws IOException {
            synchronized (out) {
                frame.writeTo(out);
                out.flush();
            }
        }

        private void serve() {
            try (socket) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                in.readFully(new byte[8]); // "AMQP" 0 0 9 1
                send(0, new AMQImpl.Connection.Start(0, 9,
                        Map.of("capabilities", Map.of("publisher_confirms", true, "consumer_cancel_notify", true,
                                "basic.nack", true)),
                        LongStringHelper.asLongString("PLAIN"), LongStringHelper.asLongString("en_US")));
                while (true) {
                    Frame frame = Frame.readFrom(in, Integer.MAX_VALUE);
                    if (frame == null || frame.type != AMQP.FRAME_METHOD) {
                        continue; // heartbeats, and the content of publishes (never looked at)
                    }
                    Method method = AMQImpl.readMethodFrom(frame.getInputStream());
                    CountDownLatch h = held;
                    if (h != null) {
                        h.await();
                    }
                    received.add(new Received(number, frame.channel, method));
                    if (!answer(frame.channel, method)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away, or the test closed the broker
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Answers one method; false once the connection is over. */
        private boolean answer(int channel, Method method) throws IOException {
            if (method instanceof AMQP.Connection.StartOk) {
                send(0, new AMQImpl.Connection.Tune(2047, 131072, 5));
            } else if (method instanceof AMQP.Connection.Open) {
                send(0, new AMQImpl.Connection.OpenOk(""));
            } else if (method instanceof AMQP.Connection.Close) {
                send(0, new AMQImpl.Connection.CloseOk());
                return false;
            } else if (method instanceof AMQP.Channel.Open) {
                send(channel, new AMQImpl.Channel.OpenOk(LongStringHelper.asLongString("")));
            } else if (method instanceof AMQP.Channel.Close) {
                send(channel, new AMQImpl.Channel.CloseOk());
            } else if (method instanceof AMQP.Queue.Declare declare && !declare.getNowait()) {
                send(channel, new AMQImpl.Queue.DeclareOk(declare.getQueue(), readyMessages, 0));
            } else if (method instanceof AMQP.Basic.Qos) {
                send(channel, new AMQImpl.Basic.QosOk());
            } else if (method instanceof AMQP.Confirm.Select) {
                published.put(channel, 0L);
                send(channel, new AMQImpl.Confirm.SelectOk());
            } else if (method instanceof AMQP.Basic.Publish && published.containsKey(channel)) {
                send(channel, new AMQImpl.Basic.Ack(published.merge(channel, 1L, Long::sum), false));
            } else if (method instanceof AMQP.Basic.Cancel cancel) {
                send(channel, new AMQImpl.Basic.CancelOk(cancel.getConsumerTag()));
            } else if (method instanceof AMQP.Basic.Consume consume) {
                String tag = consume.getConsumerTag().isEmpty()
                        ? "amq.ctag-" + consumerTags.incrementAndGet() : consume.getConsumerTag();
                send(channel, new AMQImpl.Basic.ConsumeOk(tag));
                script.onConsume(this, channel, tag);
            } else if (method instanceof AMQP.Basic.Ack || method instanceof AMQP.Basic.Nack
                    || method instanceof AMQP.Basic.Reject) {
                script.onSettle(this, channel, method);
            }
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        release();
        heartbeats.shutdownNow();
        server.close();
        for (Session s : sessions) {
            s.socket.close();
        }
    }
}
