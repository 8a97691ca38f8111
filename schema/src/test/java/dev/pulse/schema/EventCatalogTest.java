package dev.pulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

  @Test
  void everyEventTypeHasAKind() {
    for (EventType type : EventType.values()) {
      assertThat(EventCatalog.builtIn().kindOf(type)).as(type.name()).isNotNull();
    }
  }

  @Test
  void followsTheCatalogDocument() {
    EventCatalog catalog = EventCatalog.builtIn();
    assertThat(catalog.kindOf(EventType.ACTIVE)).isEqualTo(EventKind.HEARTBEAT);
    assertThat(catalog.kindOf(EventType.STARTED)).isEqualTo(EventKind.HEARTBEAT);
    assertThat(catalog.kindOf(EventType.SERVICE_DISCOVERED)).isEqualTo(EventKind.LEVEL);
    assertThat(catalog.kindOf(EventType.INTENTS_APPLIED_INTERNET)).isEqualTo(EventKind.LEVEL);
    assertThat(catalog.kindOf(EventType.NETWORK_POLICIES_CREATED)).isEqualTo(EventKind.DELTA);
    assertThat(catalog.kindOf(EventType.EBPF_PROCESSING_ERROR)).isEqualTo(EventKind.DELTA);
  }

  @Test
  void overridesAddNewEventTypes() {
    EventCatalog catalog = EventCatalog.builtIn().withOverrides(Map.of("NEW_THING", EventKind.DELTA));
    assertThat(catalog.kindOf("NEW_THING")).contains(EventKind.DELTA);
    assertThat(EventCatalog.builtIn().kindOf("NEW_THING")).isEmpty();
  }

  @Test
  void rejectsAnUnknownKindNamingTheEntry() {
    Properties properties = new Properties();
    properties.setProperty("NEW_THING", "SUMMED");
    assertThatThrownBy(() -> EventCatalog.parse(properties))
        .hasMessageContaining("NEW_THING=SUMMED");
  }
}
