package dev.pulse.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.analytics.Analytics;
import dev.pulse.server.analytics.Telemetry;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.postgres.EmbeddedPostgresServer;
import dev.pulse.server.store.postgres.PostgresStorage;
import dev.pulse.server.store.duckdb.DuckDbAnalyticsSource;
import dev.pulse.server.store.duckdb.DuckDbEventStore;
import dev.pulse.server.store.duckdb.DuckDbStorage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts posted to a real HTTP receiver on loopback, from a real DuckDB store's analytics. */
class AlertWatcherTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock NOV_20 = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  private DuckDbEventStore store;
  private Analytics analytics;
  private HttpServer receiver;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresToGive = new AtomicInteger();
  private final AtomicInteger posts = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    store = DuckDbEventStore.open(dataDir);
    analytics = Analytics.create(DuckDbAnalyticsSource.rollups(store));
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      posts.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = failuresToGive.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
      if (status == 200) {
        received.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    store.close();
  }

  private AlertSettings settings(OptionalDouble rate) {
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    return new AlertSettings(hook, rate, Duration.ofMinutes(1), Duration.ofMillis(20), false, Optional.empty(),
        Optional.empty());
  }

  /** A watcher of the DuckDB store, the only server of its deployment, with claims of its own. */
  private AlertWatcher watcher(AlertSettings settings, Clock clock) {
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    return new AlertWatcher(analytics, settings, clock, claimed::add);
  }

  private void awaitReceived(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5); // polling a condition with a deadline, not timing the test
    }
    assertThat(received).hasSizeGreaterThanOrEqualTo(count);
  }

  @Test
  void postsANewFingerprintOnceAndNothingForOnesStoredBeforeTheStart() throws Exception {
    store.append(new Telemetry().error("a", "v1", "fp-old", "old failure", "2026-11-19").batch());
    try (AlertWatcher watcher = watcher(settings(OptionalDouble.empty()), NOV_20)) {
      assertThat(watcher.check()).isZero();

      store.append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-20").batch());
      assertThat(watcher.check()).isEqualTo(1);
      awaitReceived(1);
      assertThat(watcher.check()).as("posted once").isZero();
    }
    JsonNode alert = received.get(0);
    assertThat(alert.get("type").asText()).isEqualTo("new_error");
    assertThat(alert.get("fingerprint").asText()).isEqualTo("fp-new");
    assertThat(alert.get("text").asText()).contains("dial failed");
    assertThat(received).hasSize(1);
  }

  @Test
  void aClientsMarkupInTheTextIsEscapedForTheChatAndKeptAsStoredInTheFields() throws Exception {
    try (AlertWatcher watcher = watcher(settings(OptionalDouble.empty()), NOV_20)) {
      store.append(new Telemetry().error("b", "v2", "fp-new", "<!channel> see <http://x.example|this> & more",
          "2026-11-20").batch());
      assertThat(watcher.check()).isEqualTo(1);
      awaitReceived(1);
    }
    JsonNode alert = received.get(0);
    assertThat(alert.get("text").asText())
        .contains("&lt;!channel&gt; see &lt;http://x.example|this&gt; &amp; more").doesNotContain("<", ">");
    assertThat(alert.get("message").asText()).isEqualTo("<!channel> see <http://x.example|this> & more");
  }

  @Test
  void aClientsMarkdownAndMentionsSitInOneCodeSpanOfTheText() throws Exception {
    String sent = "@channel look ![x](http://x.example/p.png) [click](http://x.example)\n\n`tick`";
    try (AlertWatcher watcher = watcher(settings(OptionalDouble.empty()), NOV_20)) {
      store.append(new Telemetry().error("b", "v2", "fp-new", sent, "2026-11-20").batch());
      assertThat(watcher.check()).isEqualTo(1);
      awaitReceived(1);
    }
    JsonNode alert = received.get(0);
    assertThat(alert.get("text").asText()).isEqualTo("New error `*errors.errorString`: `@channel look ![x](http://x.example/p.png)"
        + " [click](http://x.example)  'tick'` (1 installs, versions `v2`)");
    assertThat(alert.get("message").asText()).isEqualTo(sent);
  }

  @Test
  void postsAVersionWhoseErrorRateExceedsTheThresholdOnce() throws Exception {
    Telemetry fleet = new Telemetry();
    for (String install : List.of("a", "b", "c")) {
      fleet.event(install, ComponentType.INTENTS_OPERATOR, "v2", EventType.ACTIVE, 0, "2026-11-19");
    }
    fleet.error("a", "v2", "fp-x", "boom", "2026-11-19").error("b", "v2", "fp-x", "boom", "2026-11-19");
    store.append(fleet.batch());
    try (AlertWatcher watcher = watcher(settings(OptionalDouble.of(0.5)), NOV_20)) {
      assertThat(watcher.check()).as("2 of 3 installs is above 50%").isEqualTo(1);
      awaitReceived(1);
      assertThat(watcher.check()).isZero();
    }
    JsonNode alert = received.get(0);
    assertThat(alert.get("type").asText()).isEqualTo("error_rate");
    assertThat(alert.get("version").asText()).isEqualTo("v2");
    assertThat(alert.get("installs").asLong()).isEqualTo(2);
    assertThat(alert.get("activeInstalls").asLong()).isEqualTo(3);
  }

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
            storage.claims())) {
      storage.events().append(fleet.batch());
      assertThat(watcher.check()).as("the new error, its rate and the weekly digest").isEqualTo(3);
      awaitReceived(3);
    }

    try (DuckDbStorage restarted = DuckDbStorage.open(restartedDir);
        AlertWatcher watcher = new AlertWatcher(Analytics.create(restarted.analytics()), settings, mondayNine,
            restarted.claims())) {
      assertThat(watcher.check()).as("the rate is still above the threshold, the digest still due").isZero();
    }
    assertThat(received).extracting(alert -> alert.get("type").asText())
        .containsExactlyInAnyOrder("new_error", "error_rate", "weekly_digest");
  }

  @Test
  void postsTheDigestOfTheWeekBeforeOnceInMondaysDigestHourWhenAskedTo() throws Exception {
    Telemetry fleet = new Telemetry();
    fleet.event("a", ComponentType.INTENTS_OPERATOR, "v1", EventType.ACTIVE, 0, "2026-11-15")
        .event("b", ComponentType.INTENTS_OPERATOR, "v1", EventType.ACTIVE, 0, "2026-11-14")
        .event("a", ComponentType.INTENTS_OPERATOR, "v2", EventType.ACTIVE, 0, "2026-11-22")
        .event("b", ComponentType.INTENTS_OPERATOR, "v1", EventType.ACTIVE, 0, "2026-11-22")
        .event("c", ComponentType.INTENTS_OPERATOR, "v2", EventType.ACTIVE, 0, "2026-11-22")
        .error("c", "v2", "fp-x", "boom", "2026-11-20").error("a", "v2", "fp-x", "boom", "2026-11-21")
        .error("b", "v1", "fp-y", "slow <b>", "2026-11-18");
    store.append(fleet.batch());
    Clock mondayNine = Clock.fixed(Instant.parse("2026-11-23T09:00:30Z"), ZoneOffset.UTC);
    try (AlertWatcher off = watcher(settings(OptionalDouble.empty()), mondayNine)) {
      assertThat(off.check()).as("off unless asked for").isZero();
    }
    try (AlertWatcher watcher =
        watcher(settings(OptionalDouble.empty()).withWeeklyDigest(), mondayNine)) {
      assertThat(watcher.check()).isEqualTo(1);
      awaitReceived(1);
      assertThat(watcher.check()).as("posted once").isZero();
    }

    JsonNode digest = received.get(0);
    assertThat(digest.get("type").asText()).isEqualTo("weekly_digest");
    assertThat(digest.get("week").asText()).isEqualTo("2026-11-16");
    assertThat(digest.get("text").asText()).isEqualTo("Week of 2026-11-16: 3 active installs (+1 on the week"
        + " before), 1 new. Versions on Sunday: `v2` 67%, `v1` 33%. 2 errors reported; most installs:"
        + " `*errors.errorString` `boom` (2), `*errors.errorString` `slow &lt;b&gt;` (1).");
    assertThat(digest.get("activeInstallsWeekBefore").asLong()).isEqualTo(2);
    assertThat(digest.at("/versions/0/version").asText()).isEqualTo("v2");
    assertThat(digest.at("/topErrors/1/message").asText()).isEqualTo("slow <b>");
    assertThat(received).hasSize(1);
  }

  @Test
  void serversSharingADatabasePostANewErrorAndTheWeeklyDigestOnceBetweenThem() throws Exception {
    StoreLocation.Postgres database = EmbeddedPostgresServer.newDatabase();
    Clock mondayNine = Clock.fixed(Instant.parse("2026-11-23T09:00:30Z"), ZoneOffset.UTC);
    AlertSettings settings = settings(OptionalDouble.empty()).withWeeklyDigest();
    try (PostgresStorage one = PostgresStorage.open(database);
        PostgresStorage two = PostgresStorage.open(database);
        AlertWatcher first = new AlertWatcher(Analytics.create(one.analytics()), settings, mondayNine, one.claims());
        AlertWatcher second = new AlertWatcher(Analytics.create(two.analytics()), settings, mondayNine, two.claims())) {
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
            settings(OptionalDouble.empty()), NOV_20, storage.claims())) {
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
  void theDigestIsDueOnlyInMondaysDigestHourAndTellsTheWeekBefore() {
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-23T08:59:59Z"))).isEmpty();
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-23T09:00:00Z"))).contains(LocalDate.of(2026, 11, 16));
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-23T09:59:59Z"))).contains(LocalDate.of(2026, 11, 16));
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-23T10:00:00Z"))).isEmpty();
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-24T09:00:00Z"))).isEmpty();
  }

  @Test
  void retriesAFailedPostUntilTheReceiverTakesIt() throws Exception {
    failuresToGive.set(2);
    try (AlertWatcher watcher = watcher(settings(OptionalDouble.empty()), NOV_20)) {
      store.append(new Telemetry().error("b", "v2", "fp-new", "dial failed", "2026-11-20").batch());
      assertThat(watcher.check()).isEqualTo(1);
      awaitReceived(1);
    }
    assertThat(posts.get()).isEqualTo(3);
    assertThat(received).hasSize(1);
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
