package dev.pulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventDescriptionsTest {

  @Test
  void everyEventTypeHasADescriptionInWords() {
    for (EventType type : EventType.values()) {
      assertThat(EventDescriptions.of(type.name()))
          .as(type.name())
          .hasValueSatisfying(text -> assertThat(text).isNotBlank().isNotEqualTo(type.name()));
    }
    assertThat(EventDescriptions.all().keySet())
        .containsExactly(Arrays.stream(EventType.values()).map(Enum::name).toArray(String[]::new));
  }

  @Test
  void anEventTypeOutsideTheCatalogHasNone() {
    assertThat(EventDescriptions.of("NOT_AN_EVENT")).isEmpty();
  }
}
