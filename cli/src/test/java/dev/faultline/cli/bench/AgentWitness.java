package dev.faultline.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;

import dev.faultline.engine.timeline.FaultState;
import dev.faultline.engine.timeline.RunPhase;
import dev.faultline.engine.timeline.ServiceState;
import dev.faultline.engine.timeline.TimelineEvent;

/**
 * Asks the agent itself when it answers again: the benchmark's own requests to the agent's health endpoint, apart
 * from the harness's sampler, each with a timeout far longer than any outage, timed on the host's wall clock.
 *
 * <ul>
 * <li>{@code onset}: from the moment the harness marks the injection, one request after the other on a connection
 * kept alive from the warm-up, each sent {@link #ONSET_GAP} after the previous one was answered (so the agent is not
 * kept busier than by the harness's own extra probes), until one is not served (it fails,
 * or waits longer than {@link #UNSERVED_AFTER}: it was sent into a freeze). The last request served and the first
 * not served bracket the moment the agent stopped.</li>
 * <li>{@code thaw}: one request sent once the harness has verified the freeze, on the connection kept alive from the
 * warm-up, which the agent accepted before it was frozen. The agent answers it first thing when it is thawed: the
 * instant of the thaw, give or take a millisecond (the daemon stamps its {@code unpause} only once containerd's call
 * returned, up to tens of ms later).</li>
 * <li>{@code fresh}: one request sent the moment the thaw answer arrives, from a new client on a new connection, as
 * any new client would: answered once the agent serves new requests again, i.e. once it got through the connections
 * that piled up in its accept queue while it was frozen.</li>
 * <li>{@code restart}: from the moment the supervisor restarted the killed agent, from a new client, one request
 * every few ms until one is taken (while nothing listens the connection fails at once); the first answer, as soon as
 * the new process serves. A taken connection may wait long for its answer: the port is bound well before the cold
 * process answers, so this answer, like the thaw's, is that of a queued request.</li>
 * <li>{@code restartFresh}: one request sent the moment that first answer arrives, from a new client on a new
 * connection: answered once the restarted agent got through the connections queued before it and serves new
 * requests.</li>
 * <li>{@code newRequests}: from the verified freeze, or from the restart, new requests on connections of their own
 * until one is answered without waiting ({@link NewRequestStream}): new requests are answered again, seen without
 * waiting for the thaw's or the first answer (which may come late: a cold agent answers its queue in no set
 * order).</li>
 * </ul>
 *
 * <p>A timeline observer: the harness's live events are only its triggers (when to start asking), never its
 * figures. It finds the agent's published port and sends one warm-up request when the load phase begins, so the JDK
 * client's first-use costs are paid before the fault. It works on its own threads and never holds the run up.
 */
final class AgentWitness implements Consumer<TimelineEvent> {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration RETRY_EVERY = Duration.ofMillis(2);
    /** An onset request not answered within this was not served before the fault: it waited for the thaw. */
    static final Duration UNSERVED_AFTER = Duration.ofMillis(500);
    /**
     * How long before a freeze is due to end (its injection plus its length) the new-request stream stops letting its
     * piled-up requests hold it back ({@link NewRequestStream}).
     */
    static final Duration ROTATE_LEAD = Duration.ofMillis(100);
    /** The pause between one onset request's answer and the next request. */
    static final Duration ONSET_GAP = Duration.ofMillis(2);
    /** How long the onset requests go on when every one is served (the fault never stopped the agent). */
    private static final Duration ONSET_PATIENCE = Duration.ofSeconds(5);

    private final String fault;
    private final String instance;
    private final int containerPort;
    private final String path;
    /** How long the fault freezes the agent; null for a crash. */
    private final Duration freezeFor;
    private volatile long injectedNanos;
    /** Warm-up and thaw requests: one connection, kept alive. */
    private final HttpClient http = newClient();
    /** Warm-up and onset requests: another connection, kept alive, on a plain socket ({@link KeptAliveSocket}). */
    private volatile KeptAliveSocket onsetSocket;
    private volatile String runId;
    /** The agent's host port, once found and warmed up. */
    private volatile CompletableFuture<Integer> port;
    private volatile CompletableFuture<List<Answer>> onset;
    private volatile CompletableFuture<Answer> thaw;
    private volatile CompletableFuture<Answer> fresh;
    private volatile CompletableFuture<Answer> restart;
    private volatile CompletableFuture<Answer> restartFresh;
    /** New requests from the verified freeze, or from the restart, on ({@link NewRequestStream}). */
    private volatile CompletableFuture<List<Answer>> newRequests;

    /** One witness request: when it left, when (and how) it was answered, or why not; {@code tries} for a restart. */
    record Answer(Instant sent, Instant answered, int status, int tries, String error) {
        boolean ok() {
            return error == null && status >= 200 && status < 300;
        }

        String describe() {
            return ok() ? "answered" : error != null ? error : "status " + status;
        }
    }

    /** {@code freezeFor}: how long the fault freezes the agent; null when it kills it. */
    AgentWitness(String fault, String instance, int containerPort, String path, Duration freezeFor) {
        this.fault = fault;
        this.instance = instance;
        this.containerPort = containerPort;
        this.path = path;
        this.freezeFor = freezeFor;
    }

    @Override
    public void accept(TimelineEvent event) {
        if (event instanceof TimelineEvent.Note note && runId == null && note.message().startsWith("run ")) {
            runId = note.message().split(" ")[1];
        } else if (event instanceof TimelineEvent.Phase phase && phase.phase() == RunPhase.LOAD && port == null) {
            port = CompletableFuture.supplyAsync(this::hostPort)
                    .thenCompose(p -> ask(http, p, false).thenApply(warm -> {
                        try {
                            onsetSocket = new KeptAliveSocket(p).open(PATIENCE);
                            onsetSocket.ask(path); // accepted and answered once before the fault
                        } catch (java.io.IOException e) {
                            onsetSocket = null; // the onset witness then reports it failed
                        }
                        return p;
                    }).handle((answer, error) -> p));
        } else if (event instanceof TimelineEvent.FaultChange change && change.fault().equals(fault)
                && change.change() == FaultState.INJECTED && onset == null) {
            injectedNanos = System.nanoTime();
            CompletableFuture<Integer> known = port != null ? port : CompletableFuture.supplyAsync(this::hostPort);
            long until = System.nanoTime() + ONSET_PATIENCE.toNanos();
            onset = known.thenCompose(p -> untilUnserved(until)).exceptionally(e -> List.of(failed(e)));
        } else if (event instanceof TimelineEvent.FaultChange change && change.fault().equals(fault)
                && change.change() == FaultState.VERIFIED && thaw == null) {
            CompletableFuture<Integer> known = port != null ? port : CompletableFuture.supplyAsync(this::hostPort);
            thaw = known.thenCompose(p -> ask(http, p, false)).exceptionally(AgentWitness::failed);
            Long rotateFrom = freezeFor == null || onset == null ? null
                    : injectedNanos + freezeFor.toNanos() - ROTATE_LEAD.toNanos();
            newRequests = known.thenCompose(p -> NewRequestStream.start(p, path, rotateFrom))
                    .exceptionally(e -> List.of(failed(e)));
            HttpClient freshClient = newClient(); // made now, so the thaw finds it ready
            fresh = thaw.thenCombine(known, (answer, p) -> answer.ok()
                            ? ask(freshClient, p, false)
                            : CompletableFuture.completedFuture(new Answer(null, null, -1, 0, "no thaw answer")))
                    .thenCompose(next -> next).exceptionally(AgentWitness::failed);
        } else if (event instanceof TimelineEvent.ServiceChange change && change.instance().equals(instance)
                && change.change() == ServiceState.RESTARTED && restart == null) {
            // a restarted container may publish its port anew
            CompletableFuture<Integer> restartedPort = CompletableFuture.supplyAsync(this::hostPort);
            newRequests = restartedPort.thenCompose(p -> NewRequestStream.start(p, path, null))
                    .exceptionally(e -> List.of(failed(e)));
            restart = restartedPort.thenCompose(p -> ask(newClient(), p, true)).exceptionally(AgentWitness::failed);
            HttpClient freshClient = newClient(); // made now, so the first answer finds it ready
            restartFresh = restart.thenCombine(restartedPort, (answer, p) -> answer.ok()
                            ? ask(freshClient, p, false)
                            : CompletableFuture.completedFuture(new Answer(null, null, -1, 0, "no first answer")))
                    .thenCompose(next -> next).exceptionally(AgentWitness::failed);
        }
    }

    /**
     * The onset requests in the order sent: every one served but the last, which was not (or all served, when the
     * fault never stopped the agent); null if the harness never marked the injection.
     */
    List<Answer> onset(Duration timeout) {
        if (onset == null) {
            return null;
        }
        try {
            return onset.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return List.of(new Answer(null, null, -1, 0, "no onset answers within " + timeout.toSeconds() + " s: " + e));
        }
    }

    /** Whether an onset request was served before the fault: answered as expected, and not after a freeze. */
    static boolean served(Answer a) {
        return a.ok() && Duration.between(a.sent(), a.answered()).compareTo(UNSERVED_AFTER) < 0;
    }

    /** The answer to the request sent while the agent was frozen; null if none was sent. */
    Answer thaw(Duration timeout) {
        return await(thaw, timeout);
    }

    /** The answer to the request sent right after the thaw; null if none was sent. */
    Answer fresh(Duration timeout) {
        return await(fresh, timeout);
    }

    /** The first answer after the restart; null if the harness never restarted the agent. */
    Answer restart(Duration timeout) {
        return await(restart, timeout);
    }

    /** The new requests' answers from the verified freeze or the restart on; null if none were sent. */
    List<Answer> newRequests(Duration timeout) {
        if (newRequests == null) {
            return null;
        }
        try {
            return newRequests.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return List.of(new Answer(null, null, -1, 0, "no new-request answers within " + timeout.toSeconds()
                    + " s: " + e));
        }
    }

    /** The answer to the request sent right after the first answer after the restart; null if none was sent. */
    Answer restartFresh(Duration timeout) {
        return await(restartFresh, timeout);
    }

    private static Answer await(CompletableFuture<Answer> pending, Duration timeout) {
        if (pending == null) {
            return null;
        }
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return new Answer(null, null, -1, 0, "no answer within " + timeout.toSeconds() + " s: " + e);
        }
    }

    private static Answer failed(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return new Answer(null, null, -1, 0, "witness failed: " + cause);
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private int hostPort() {
        DockerClient docker = DockerClientFactory.instance().client();
        String container = "faultline-" + runId + "-" + instance;
        Map<ExposedPort, Ports.Binding[]> bindings = docker.inspectContainerCmd(container).exec()
                .getNetworkSettings().getPorts().getBindings();
        Ports.Binding[] binding = bindings.get(ExposedPort.tcp(containerPort));
        if (binding == null || binding.length == 0 || binding[0].getHostPortSpec() == null) {
            throw new IllegalStateException(container + " publishes no port for " + containerPort);
        }
        return Integer.parseInt(binding[0].getHostPortSpec());
    }

    /**
     * Onset requests one after the other on the kept-alive socket, each {@link #ONSET_GAP} after the previous answer,
     * until one is not {@link #served} or {@code untilNanos} has passed; on a thread of its own.
     */
    private CompletableFuture<List<Answer>> untilUnserved(long untilNanos) {
        KeptAliveSocket socket = onsetSocket;
        if (socket == null) {
            return CompletableFuture.completedFuture(List.of(new Answer(null, null, -1, 0,
                    "no onset connection (the warm-up did not open it)")));
        }
        return CompletableFuture.supplyAsync(() -> {
            List<Answer> answers = new ArrayList<>();
            while (true) {
                Answer answer = socket.ask(path);
                answers.add(answer);
                if (!served(answer) || System.nanoTime() > untilNanos) {
                    return answers;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(ONSET_GAP.toNanos());
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "onset-witness");
            t.setDaemon(true);
            t.start();
        });
    }

    /**
     * Sends one request and waits for its answer; with {@code untilTaken}, a request whose connection fails
     * (nothing listens yet) is sent again {@link #RETRY_EVERY} later, until {@link #PATIENCE} has passed.
     */
    private CompletableFuture<Answer> ask(HttpClient client, int hostPort, boolean untilTaken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + path))
                .timeout(PATIENCE).GET().build();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        return attempt(client, request, untilTaken, deadline, 1);
    }

    private CompletableFuture<Answer> attempt(HttpClient client, HttpRequest request, boolean untilTaken,
                                              long deadline, int tries) {
        Instant sent = Instant.now();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> {
                    Instant answered = Instant.now();
                    if (error == null) {
                        return CompletableFuture.completedFuture(
                                new Answer(sent, answered, response.statusCode(), tries, null));
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    boolean refused = cause instanceof IOException && !(cause instanceof HttpTimeoutException);
                    if (untilTaken && refused && System.nanoTime() < deadline) {
                        Executor later = CompletableFuture.delayedExecutor(RETRY_EVERY.toNanos(), TimeUnit.NANOSECONDS);
                        return CompletableFuture.supplyAsync(() -> null, later)
                                .thenCompose(ignored -> attempt(client, request, true, deadline, tries + 1));
                    }
                    return CompletableFuture.completedFuture(
                            new Answer(sent, answered, -1, tries, cause.toString()));
                })
                .thenCompose(next -> next);
    }
}
