package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The pages count their default range back from the server's today, not the browser's: the API cuts
 * a range at the server's today, so a browser whose clock is ahead (around midnight UTC) asked for a
 * day that had not begun there and got a 400. The server's clock here stands on a day long past,
 * which no browser clock shows.
 */
class ServerTodayTest {

  private static final Instant SERVER_NOW = Instant.parse("2024-02-29T23:30:00Z");

  @RegisterExtension
  static final SignedInBrowser dashboard =
      new SignedInBrowser(() -> store -> store.append(oneInstall()), Clock.fixed(SERVER_NOW, ZoneOffset.UTC));

  @Test
  void withoutARangeAPageShowsTheTwentyEightDaysUpToTheServersToday() {
    dashboard.browser().openPage("/features");

    assertThat(dateField("to")).isEqualTo("2024-02-29");
    assertThat(dateField("from")).isEqualTo("2024-02-02");
  }

  @Test
  void retentionsDefaultWeeksEndOnTheServersToday() {
    dashboard.browser().openPage("/retention");

    assertThat(dateField("to")).isEqualTo("2024-02-29");
    assertThat(dateField("from")).isEqualTo("2023-12-04"); // the Monday 12 weeks before that week's
  }

  private static String dateField(String id) {
    return dashboard.browser().driver().findElement(By.id(id)).getAttribute("value");
  }

  private static RecordBatch oneInstall() {
    Component component = new Component(ComponentType.NETWORK_MAPPER, "nm-1", "ctx-1", "1.0.0", "");
    StoredEvent active =
        new StoredEvent(Instant.parse("2024-02-20T12:00:00Z"), component, TelemetryData.of(EventType.ACTIVE, 1));
    return new RecordBatch(List.of(active), List.of(), List.of());
  }
}
