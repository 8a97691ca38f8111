package dev.pulse.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.server.analytics.Telemetry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Which alerts are posted, once each, and what they say: new errors, error rates and the weekly digest. */
class AlertWatcherTest extends StoreAndAlertReceiver {

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
  void theDigestIsDueOnlyInMondaysDigestHourAndTellsTheWeekBefore() {
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-23T08:59:59Z"))).isEmpty();
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-23T09:00:00Z"))).contains(LocalDate.of(2026, 11, 16));
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-23T09:59:59Z"))).contains(LocalDate.of(2026, 11, 16));
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-23T10:00:00Z"))).isEmpty();
    assertThat(WeeklyDigest.dueWeek(Instant.parse("2026-11-24T09:00:00Z"))).isEmpty();
  }
}
