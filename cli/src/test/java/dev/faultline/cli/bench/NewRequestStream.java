package dev.faultline.cli.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When does the agent answer a <i>new</i> request again? From its start, one request every {@link #EVERY}, each on a
 * connection of its own (plain HTTP/1.0 on a socket, so nothing is reused), at most {@link #OUTSTANDING} unanswered at
 * a time, until one is answered within {@link #AT_ONCE} of its sending (or {@link #AFTER_PROMPT} after the first
 * answered within {@link #PROMPT}): by then the agent serves new requests without making them wait. Requests refused
 * while nothing listens fail at once and make room for the next. Every answer is kept, in the order sent; the truth
 * picks from them the first answered within {@link #PROMPT}, and shows apart the first answered within the agent's
 * normal answer time ({@link #firstWithin}).
 *
 * <p>From {@code rotateFrom} on (shortly before a freeze is due to end), a request unanswered for longer than
 * {@link #PROMPT} no longer holds a place: at most {@link #OUTSTANDING} of those younger than that, and
 * {@link #MAX_WAITING} in all. A thawed agent answers what piled up in no set order; without this the stream's next
 * new request went out only once one of its own piled-up ones was answered (seen: 3.6 ms after a request of the
 * harness's, sent after the thaw, was answered within 1 ms), so the truth was coarser than what it judges. Before
 * {@code rotateFrom} the two that went out first stay the only ones, so a long freeze gets two, not hundreds, in the
 * agent's accept queue.
 */
final class NewRequestStream {
    static final Duration EVERY = Duration.ofMillis(2);
    static final int OUTSTANDING = 2;
    /** From {@code rotateFrom} on, at most this many unanswered in all. */
    static final int MAX_WAITING = 16;
    /** An answer this soon after its request was not kept waiting long: the agent serves new requests again. */
    static final Duration PROMPT = Duration.ofMillis(20);
    /** An answer this soon was not kept waiting at all: the stream stops at the first. */
    static final Duration AT_ONCE = Duration.ofMillis(2);
    /** How long the stream goes on after its first {@link #PROMPT} answer, waiting for one {@link #AT_ONCE}. */
    static final Duration AFTER_PROMPT = Duration.ofMillis(500);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final int port;
    private final String path;
    private final List<AgentWitness.Answer> answers = new ArrayList<>();
    /** Each unanswered request's sending (System.nanoTime), by its number. */
    private final Map<Long, Long> waiting = new ConcurrentHashMap<>();
    private final AtomicLong numbers = new AtomicLong();
    private final boolean rotates;
    private final long rotateFrom;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<List<AgentWitness.Answer>> done = new CompletableFuture<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tick"));
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> daemon(r, "send"));
    private volatile long deadline = System.nanoTime() + PATIENCE.toNanos();

    private NewRequestStream(int port, String path, Long rotateFrom) {
        this.port = port;
        this.path = path;
        this.rotates = rotateFrom != null;
        this.rotateFrom = rotateFrom == null ? 0 : rotateFrom;
    }

    /**
     * Starts the stream now; completes with every answer once it stops (see above), or patience ran out.
     * {@code rotateFrom}: the System.nanoTime from which requests waiting longer than {@link #PROMPT} no longer hold
     * a place; null for never.
     */
    static CompletableFuture<List<AgentWitness.Answer>> start(int port, String path, Long rotateFrom) {
        NewRequestStream s = new NewRequestStream(port, path, rotateFrom);
        s.ticker.scheduleAtFixedRate(s::tick, 0, EVERY.toNanos(), TimeUnit.NANOSECONDS);
        return s.done;
    }

    /** The first answer that came {@link #PROMPT}ly, or null. */
    static AgentWitness.Answer firstPrompt(List<AgentWitness.Answer> answers) {
        return answers == null ? null : answers.stream().filter(NewRequestStream::prompt).findFirst().orElse(null);
    }

    static boolean prompt(AgentWitness.Answer a) {
        return within(a, PROMPT);
    }

    static boolean within(AgentWitness.Answer a, Duration limit) {
        return a.ok() && Duration.between(a.sent(), a.answered()).compareTo(limit) <= 0;
    }

    /** The first answer that came within {@code limit} of its request, or null. */
    static AgentWitness.Answer firstWithin(List<AgentWitness.Answer> answers, Duration limit) {
        return answers == null ? null : answers.stream().filter(a -> within(a, limit)).findFirst().orElse(null);
    }

    private void tick() {
        if (done.isDone()) {
            return;
        }
        if (System.nanoTime() > deadline) {
            finish();
            return;
        }
        long now = System.nanoTime();
        if (rotates && now - rotateFrom >= 0) {
            long young = waiting.values().stream().filter(sent -> now - sent < PROMPT.toNanos()).count();
            if (young >= OUTSTANDING || waiting.size() >= MAX_WAITING) {
                return;
            }
        } else if (waiting.size() >= OUTSTANDING) {
            return;
        }
        long number = numbers.incrementAndGet();
        waiting.put(number, now);
        senders.execute(() -> {
            AgentWitness.Answer a = ask();
            waiting.remove(number);
            synchronized (answers) {
                answers.add(a);
            }
            if (within(a, AT_ONCE)) {
                finish();
            } else if (prompt(a)) {
                deadline = Math.min(deadline, System.nanoTime() + AFTER_PROMPT.toNanos());
            }
        });
    }

    private AgentWitness.Answer ask() {
        Instant sent = Instant.now();
        try (Socket socket = new Socket()) {
            open.add(socket);
            socket.setSoTimeout((int) PATIENCE.toMillis());
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = KeptAliveSocket.line(socket.getInputStream());
            Instant answered = Instant.now();
            String[] parts = statusLine == null ? new String[0] : statusLine.split(" ");
            if (parts.length < 2) {
                return new AgentWitness.Answer(sent, answered, -1, 1, "no status line (connection closed)");
            }
            return new AgentWitness.Answer(sent, answered, Integer.parseInt(parts[1]), 1, null);
        } catch (IOException | NumberFormatException e) {
            return new AgentWitness.Answer(sent, Instant.now(), -1, 1, e.toString());
        } finally {
            open.removeIf(Socket::isClosed);
        }
    }


    private void finish() {
        ticker.shutdownNow();
        senders.shutdownNow();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the stream is over: an unanswered request's connection goes
            }
        }
        synchronized (answers) {
            done.complete(List.copyOf(answers));
        }
    }

    private static Thread daemon(Runnable r, String what) {
        Thread t = new Thread(r, "accuracy-new-request-" + what);
        t.setDaemon(true);
        return t;
    }
}
