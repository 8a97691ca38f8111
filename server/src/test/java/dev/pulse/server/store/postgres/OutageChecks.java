package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.postgres.OutageLoad.Sent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What every test of a store failing under an {@link OutageLoad} asserts of the answers and the store. */
final class OutageChecks {

  private OutageChecks() {}

  /** Answered 200, or 503 with {@code Retry-After} and the store's code, in our words. */
  static void answered(Sent request) {
    assertThat(request.status()).as(request.body()).isIn(200, 503);
    if (request.status() == 503) {
      assertThat(request.body())
          .startsWith("Retry-After")
          .contains("STORE_UNAVAILABLE")
          .doesNotContain("Exception");
    }
  }

  /**
   * Every acknowledged request's events are stored once and intact; a request answered "nothing of
   * this request was kept" has nothing stored; one answered "may have been kept" at most once.
   */
  static void assertStoredExactlyOnce(List<Sent> sent, List<StoredEvent> stored, long atLeastAcknowledged) {
    Map<String, List<StoredEvent>> byRequest = new HashMap<>();
    for (StoredEvent event : stored) {
      byRequest.computeIfAbsent(event.component().componentInstanceId(), id -> new ArrayList<>()).add(event);
    }
    long acknowledged = 0;
    for (Sent request : sent) {
      List<StoredEvent> events = byRequest.getOrDefault(request.instanceId(), List.of());
      if (request.status() == 200) {
        acknowledged++;
        assertThat(events).as("events of acknowledged request %s", request.instanceId()).hasSize(OutageLoad.EVENTS_PER_REQUEST);
        assertIntact(events);
      } else if (request.body().contains("may have been kept")) {
        assertThat(events.size()).isIn(0, OutageLoad.EVENTS_PER_REQUEST);
      } else {
        assertThat(events).as("events of refused request %s", request.instanceId()).isEmpty();
      }
    }
    assertThat(stored).hasSizeLessThanOrEqualTo(sent.size() * OutageLoad.EVENTS_PER_REQUEST);
    assertThat(acknowledged).isGreaterThanOrEqualTo(atLeastAcknowledged);
  }

  private static void assertIntact(List<StoredEvent> events) {
    assertThat(events)
        .extracting(event -> event.data().count())
        .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(events)
        .allSatisfy(
            event -> {
              assertThat(event.component().version()).isEqualTo("v1.2.3");
              assertThat(event.data().eventType().name()).isEqualTo("INTENTS_DISCOVERED");
              assertThat(event.data().error()).isEmpty();
            });
  }
}
