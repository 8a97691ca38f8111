package dev.pulse.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.Telemetry;
import dev.pulse.server.http.CapturedLog;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.PostgresStorage;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.parallel.Isolated;

/** How alerts reach the receiver: once across restarts and servers, retried, proxied, not waited on when it is down. */
@Isolated
@ResourceLock(EmbeddedPostgresServer.LOCK)
class AlertDeliveryTest extends StoreAndAlertReceiver {

  @Test
  void anEmbeddedServerRestartedPostsNoAlertAgainThatItPostedBefore() throws Exception {
    Path restartedDir = dataDir.resolve("restarted");
    Telemetry fleet = new Telemetry();
    for (String install : List.of("a", "b", "c")) {
      fleet.event(install, ComponentType.INTENTS_OPERATOR, "v2", EventType.ACTIVE, 0, "2026-11-19");
    }
    fleet.error("a", "v2", "fp-x", "boom", "2026-11-19").error("b", "v2", "fp-x", "boom", "2026-11-19");
    Clock mondayNine = Clock.fixed(Instant.parse("2026-11-23T09:00:30Z"), ZoneOffset.UTC);
    AlertSettings settings = settings(OptionalDouble.of(0.5)).withWeeklyDigest();
    try (DuckDbStorage storage = DuckDbStorage.open(restartedDir);
        AlertWatcher watcher = new AlertWatcher(Analytics.create(storage.analytics()), settings, mondayNine,
            storage.claims(), meters)) {
      storage.events().append(fleet.batch());
      assertThat(watcher.check()).as("the new error, its rate and the weekly digest").isEqualTo(3);
      awaitReceived(3);
    }

    try (DuckDbStorage restarted = DuckDbStorage.open(restartedDir);
        AlertWatcher watcher = new AlertWatcher(Analytics.create(restarted.analytics()), settings, mondayNine,
            restarted.claims(), meters)) {
      assertThat(watcher.check()).as("the rate is still above the threshold, the digest still due").isZero();
    }
    assertThat(received).extracting(alert -> alert.get("type").asText())
        .containsExactlyInAnyOrder("new_error", "error_rate", "weekly_digest");
  }

  @Test
  void serversSharingADatabasePostANewErrorAndTheWeeklyDigestOnceBetweenThem() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    Clock mondayNine = Clock.fixed(Instant.parse("2026-11-23T09:00:30Z"), ZoneOffset.UTC);
    AlertSettings settings = settings(OptionalDouble.empty()).withWeeklyDigest();
    try (PostgresStorage one = PostgresStorage.open(database);
        PostgresStorage two = PostgresStorage.open(database);
        AlertWatcher first = new AlertWatcher(Analytics.create(one.analytics()), settings, mondayNine, one.claims(), meters);
        AlertWatcher second = new AlertWatcher(Analytics.create(two.analytics()), settings, mondayNine, two.claims(), meters)) {
      one.events().append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-22").batch());

      assertThat(first.check() + second.check()).as("one new error and one digest, whoever posts them").isEqualTo(2);
      awaitReceived(2);
      assertThat(first.check() + second.check()).isZero();
    }
    assertThat(received).extracting(alert -> alert.get("type").asText())
        .containsExactlyInAnyOrder("new_error", "weekly_digest");
  }

  @Test
  void aClaimTheDatabaseCannotTakeLeavesTheAlertToTheNextLook() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    try (PostgresStorage storage = PostgresStorage.open(database);
        AlertWatcher watcher = new AlertWatcher(Analytics.create(storage.analytics()),
            settings(OptionalDouble.empty()), NOV_20, storage.claims(), meters)) {
      storage.events().append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-20").batch());
      try (Connection admin = EmbeddedPostgresServer.adminConnection(database);
          Statement statement = admin.createStatement()) {
        statement.execute("ALTER TABLE claims RENAME TO claims_elsewhere");
        assertThatThrownBy(watcher::check).isInstanceOf(StoreException.class).hasMessageContaining("claiming");
        statement.execute("ALTER TABLE claims_elsewhere RENAME TO claims");
      }

      assertThat(watcher.check()).isEqualTo(1);
      awaitReceived(1);
    }
    assertThat(received.get(0).get("fingerprint").asText()).isEqualTo("fp-new");
  }

  @Test
  void retriesAFailedPostUntilTheReceiverTakesIt() throws Exception {
    failuresToGive.set(2);
    try (AlertWatcher watcher = watcher(settings(OptionalDouble.empty()), NOV_20)) {
      store.append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-20").batch());
      assertThat(watcher.check()).isEqualTo(1);
      awaitReceived(1);
      // Counted once the sender reads the answer, after the receiver has the message: a close before that
      // abandons the post, counted neither way.
      awaitOutcome("delivered");
    }
    assertThat(posts.get()).isEqualTo(3);
    assertThat(received).hasSize(1);
    assertThat(outcome("failed")).isZero();
  }

  private double outcome(String outcome) {
    return meters.get("pulse.alert.webhook.messages").tag("outcome", outcome).counter().count();
  }

  /** Polls with a deadline until one message has that outcome: the sender posts on its own thread. */
  private void awaitOutcome(String outcome) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (outcome(outcome) < 1 && System.nanoTime() < deadline) {
      Thread.sleep(5); // polling a condition with a deadline, not timing the test
    }
    assertThat(outcome(outcome)).isEqualTo(1);
  }

  @Test
  @ResourceLock(Resources.SYSTEM_ERR)
  void aMessageNeverTakenIsLoggedWithWhatToCheckAndThenCountedFailed() throws Exception {
    failuresToGive.set(WebhookSender.TRIES);
    List<Double> countedWhenLogged = new CopyOnWriteArrayList<>();
    try (CapturedLog log = CapturedLog.start(text -> {
          if (countedWhenLogged.isEmpty() && text.contains("was not delivered")) {
            countedWhenLogged.add(outcome("failed"));
          }
        });
        AlertWatcher watcher = watcher(settings(OptionalDouble.empty()), NOV_20)) {
      store.append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-20").batch());
      assertThat(watcher.check()).isEqualTo(1);
      awaitOutcome("failed");

      // Whoever sees the count can read why: the line is written before the count moves.
      assertThat(countedWhenLogged).as("the failed count when the line was written").containsExactly(0.0);
      assertThat(outcome("delivered")).isZero();
      assertThat(log.text()).contains("a new_error alert was not delivered after 3 tries (HTTP 500); check the"
          + " webhook's address (--alert-webhook, PULSE_ALERT_WEBHOOK) and that its receiver is up");
    }
    assertThat(received).isEmpty();
  }

  @Test
  @ResourceLock(Resources.SYSTEM_ERR)
  void aWebhookThatRedirectsIsToldAsMovedNotFollowed() throws Exception {
    receiver.createContext("/moved", exchange -> {
      exchange.getResponseHeaders().add("Location", "/hook");
      exchange.sendResponseHeaders(308, -1);
      exchange.close();
    });
    URI moved = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/moved");
    try (CapturedLog log = CapturedLog.start();
        AlertWatcher watcher = watcher(new AlertSettings(moved, OptionalDouble.empty(), Duration.ofMinutes(1),
            Duration.ofMillis(20), false, Optional.empty(), Optional.empty()), NOV_20)) {
      store.append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-20").batch());
      assertThat(watcher.check()).isEqualTo(1);
      awaitOutcome("failed");

      assertThat(log.text()).contains("(HTTP 308: the address redirects elsewhere, which is not followed; set the"
          + " webhook to the address it names)");
    }
    assertThat(received).as("nothing reached the address redirected to").isEmpty();
  }

  @Test
  void aReceiverThatIsDownDelaysNothingButItsOwnMessages() throws Exception {
    receiver.stop(0);
    try (AlertWatcher watcher = watcher(settings(OptionalDouble.empty()), NOV_20)) {
      store.append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-20").batch());
      assertThat(watcher.check()).isEqualTo(1);
      store.append(new Telemetry().error("c", "v2", "fp-other", "timeout", "2026-11-20").batch());
      assertThat(watcher.check()).as("looking again does not wait for the failing post").isEqualTo(1);
    }
  }

  @Test
  void postsThroughTheProxyTheSettingsName() throws Exception {
    // As below, the receiver plays the proxy for a host that resolves nowhere.
    int port = receiver.getAddress().getPort();
    ProxySelector toReceiver = ProxySelector.of(new InetSocketAddress("127.0.0.1", port));
    AlertSettings proxied = new AlertSettings(URI.create("http://alerts.proxied.test:" + port + "/hook"),
        OptionalDouble.empty(), Duration.ofMinutes(1), Duration.ofMillis(20), false, Optional.empty(),
        Optional.empty()).withProxy(toReceiver, Optional.empty());
    try (AlertWatcher watcher = watcher(proxied, NOV_20)) {
      store.append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-20").batch());
      assertThat(watcher.check()).isEqualTo(1);
      awaitReceived(1);
    }
    assertThat(received.get(0).get("fingerprint").asText()).isEqualTo("fp-new");
  }

  @Test
  void postsThroughTheProxyTheJvmsPropertiesName() throws Exception {
    // The receiver plays the proxy: it takes the post in a proxy's absolute form, for a host that
    // resolves nowhere, so only a post that went through the proxy arrives.
    String port = String.valueOf(receiver.getAddress().getPort());
    System.setProperty("http.proxyHost", "127.0.0.1");
    System.setProperty("http.proxyPort", port);
    try {
      URI hook = URI.create("http://alerts.proxied.test:" + port + "/hook");
      AlertSettings proxied =
          new AlertSettings(hook, OptionalDouble.empty(), Duration.ofMinutes(1), Duration.ofMillis(20), false,
              Optional.empty(), Optional.empty());
      try (AlertWatcher watcher = watcher(proxied, NOV_20)) {
        store.append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-20").batch());
        assertThat(watcher.check()).isEqualTo(1);
        awaitReceived(1);
      }
    } finally {
      System.clearProperty("http.proxyHost");
      System.clearProperty("http.proxyPort");
    }
  }
}
