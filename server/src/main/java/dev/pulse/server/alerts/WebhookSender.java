package dev.pulse.server.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alert messages to the webhook on a thread of its own, in order: at most {@value #QUEUE}
 * waiting (more are dropped, with a log line), each tried {@value #TRIES} times (pauses of p, 5p),
 * each try bounded by a 10 s timeout. Redirects are not followed (a moved webhook is told in the log).
 * Each message's outcome is counted. Nothing here ever waits on ingestion or makes it wait.
 */
final class WebhookSender implements AutoCloseable {

  /** Where a message went: counted in {@code pulse_alert_webhook_messages_total{outcome}}. */
  enum Outcome {
    DELIVERED, FAILED, DROPPED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final int QUEUE = 100;
  static final int TRIES = 3;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI webhook;
  private final Duration retryPause;
  private final BlockingQueue<Map<String, Object>> queue = new ArrayBlockingQueue<>(QUEUE);
  private final ExecutorService http = Executors.newSingleThreadExecutor(r -> thread(r, "pulse-alert-http"));
  private final HttpClient client;
  private final Thread poster;
  private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
  private volatile boolean closed;

  WebhookSender(AlertSettings settings, MeterRegistry meters) {
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, Counter.builder("pulse.alert.webhook.messages").tag("outcome", outcome.tag())
          .description("Alert messages for the webhook, by what became of them").register(meters));
    }
    this.webhook = settings.webhook();
    this.retryPause = settings.retryPause();
    HttpClient.Builder builder = HttpClient.newBuilder().executor(http).connectTimeout(TIMEOUT);
    settings.proxy().ifPresent(builder::proxy);
    settings.proxyAuthenticator().ifPresent(builder::authenticator);
    this.client = builder.build();
    this.poster = thread(this::postLoop, "pulse-alert-post");
    poster.start();
  }

  /** Queues a message; false (and a log line) when the queue is full. */
  boolean send(Map<String, Object> message) {
    boolean queued = queue.offer(message);
    if (!queued) {
      LOG.warn("alert webhook: {} messages are waiting; dropped a {} alert", QUEUE, message.get("type"));
      outcomes.get(Outcome.DROPPED).increment();
    }
    return queued;
  }

  private void postLoop() {
    while (!closed) {
      Map<String, Object> message;
      try {
        message = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (message != null && !post(message)) {
        return;
      }
    }
  }

  /** Tries the message; false when interrupted (closing). */
  private boolean post(Map<String, Object> message) {
    long pause = retryPause.toMillis();
    String failure = null;
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      try {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(webhook).timeout(TIMEOUT)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(message)))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          outcomes.get(Outcome.DELIVERED).increment();
          return true;
        }
        failure = "HTTP " + response.statusCode() + (response.statusCode() / 100 == 3
            ? ": the address redirects elsewhere, which is not followed; set the webhook to the address it names"
            : "");
      } catch (IOException e) {
        failure = e.getMessage() == null ? "no answer" : e.getMessage();
      } catch (InterruptedException e) {
        return false;
      }
      if (attempt < TRIES) {
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          return false;
        }
        pause *= 5;
      }
    }
    LOG.warn("alert webhook {}://{}: a {} alert was not delivered after {} tries ({}); check the webhook's"
        + " address (--alert-webhook, PULSE_ALERT_WEBHOOK) and that its receiver is up", webhook.getScheme(),
        webhook.getHost(), message.get("type"), TRIES, failure);
    // Counted after it is told, so that whoever sees the count can also read why.
    outcomes.get(Outcome.FAILED).increment();
    return true;
  }

  private static String json(Map<String, Object> message) {
    try {
      return JSON.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert messages are maps of plain values", e);
    }
  }

  private static Thread thread(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Stops: messages still waiting are dropped; a post under way is abandoned. */
  @Override
  public void close() {
    closed = true;
    poster.interrupt();
    http.shutdownNow();
    try {
      poster.join(TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
