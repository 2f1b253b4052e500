package dev.faultline.cli.drill;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.faultline.engine.model.Durations;
import dev.faultline.engine.drill.WebhookUrl;
import dev.faultline.engine.model.Excerpt;

/**
 * The webhooks of a drill's {@code notify:} list: each {@link DrillEvent} is POSTed to every URL, in list order, as
 * its JSON object ({@code Content-Type: application/json}). Delivery never fails the drill: a URL that cannot be
 * reached, answers other than 2xx (a redirect is not followed) or takes longer than the timeout (connection and
 * answer together) is told in one line of the log, the URL shown without its user-info and query, and the next URL
 * gets the event. So a drill waits at most the timeout per URL.
 */
public final class Webhooks {
    /** How long one URL may take to take one event. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SHOWN_URL_CHARS = 120;

    private final List<URI> urls;
    private final Duration timeout;
    private final PrintStream log;
    private final HttpClient client;

    /** Webhooks with the default {@link #TIMEOUT}. */
    public Webhooks(List<URI> urls, PrintStream log) {
        this(urls, TIMEOUT, log);
    }

    /**
     * @param urls    each checked by {@link WebhookUrl#problem} (the drill reader did so already)
     * @param timeout how long one URL may take for one event, connecting included
     * @param log     where a failed delivery is told
     */
    public Webhooks(List<URI> urls, Duration timeout, PrintStream log) {
        this.urls = List.copyOf(urls);
        for (URI url : this.urls) {
            String problem = WebhookUrl.problem(url.toString());
            if (problem != null) {
                throw new IllegalArgumentException("notify: " + problem);
            }
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + Durations.text(timeout));
        }
        this.timeout = timeout;
        this.log = Objects.requireNonNull(log, "log");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** POSTs {@code event} to every URL in turn; never throws, and takes at most the timeout per URL. */
    public void send(DrillEvent event) {
        if (urls.isEmpty()) {
            return;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(event.fields());
        } catch (JsonProcessingException | RuntimeException e) {
            log.println("webhooks: " + event.event() + " not sent: cannot write its JSON (" + why(e) + ")");
            return;
        }
        for (URI url : urls) {
            String failure = post(url, body);
            if (failure != null) {
                log.println("webhook " + shown(url) + ": " + event.event() + " not delivered (" + failure
                        + "); the drill goes on");
            }
        }
    }

    /** Null when {@code url} took the body with a 2xx answer, else why not. */
    private String post(URI url, byte[] body) {
        CompletableFuture<HttpResponse<Void>> answer = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            answer = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            int status = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            if (status / 100 == 2) {
                return null;
            }
            return status / 100 == 3 ? "answered HTTP " + status + "; redirects are not followed"
                    : "answered HTTP " + status;
        } catch (TimeoutException e) {
            answer.cancel(true);
            return "no answer within " + Durations.text(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return why(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            return why(e);
        }
    }

    private String why(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + Durations.text(timeout);
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + Durations.text(timeout);
        }
        String message = message(e);
        String shownMessage = message == null ? "" : ": " + Excerpt.of(message, 80);
        if (e instanceof ConnectException) {
            return "cannot connect" + shownMessage;
        }
        return e.getClass().getSimpleName() + shownMessage;
    }

    /** The first message along {@code e}'s causes (the JDK's ConnectException has none, its cause says why). */
    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return null;
    }

    /** {@code url} as a log may show it: scheme, host, port and path; never its user-info, query or fragment. */
    static String shown(URI url) {
        StringBuilder shown = new StringBuilder();
        shown.append(url.getScheme()).append("://").append(url.getHost() == null ? "?" : url.getHost());
        if (url.getPort() != -1) {
            shown.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            shown.append(url.getRawPath());
        }
        return Excerpt.of(shown.toString(), MAX_SHOWN_URL_CHARS);
    }

}
