package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredEvent;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Retention opened without a range: it covers the 13 ISO weeks up to today, so the oldest cohort is
 * followed through all its 12 later weeks (the old default, 28 days, left W+4..W+12 empty). The data: one new install in each of the last 20 weeks,
 * each active every day from its first day to today.
 */
class RetentionDefaultRangeTest {

  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  private static final LocalDate THIS_MONDAY = TODAY.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  private static final LocalDate OLDEST_COHORT = THIS_MONDAY.minusWeeks(12);

  @RegisterExtension
  static final SignedInBrowser dashboard =
      new SignedInBrowser(() -> store -> store.append(weeklyInstalls()));


  @Test
  void withoutARangeRetentionCoversThirteenWeeksSoTheOldestCohortFillsEveryColumn() {
    dashboard.browser().openPage("/retention");

    assertThat(dashboard.browser().driver().findElement(By.id("from")).getAttribute("value"))
        .isEqualTo(OLDEST_COHORT.toString());
    assertThat(dashboard.browser().driver().findElement(By.id("to")).getAttribute("value")).isEqualTo(TODAY.toString());
    // 13 cohorts; this week's has no later week yet, so it has no row.
    assertThat(dashboard.browser().driver().findElements(By.cssSelector("#retention-table tbody tr"))).hasSize(12);
    List<String> oldest =
        dashboard.browser().driver()
            .findElements(By.cssSelector("tr[data-cohort='" + OLDEST_COHORT + "'] td.share"))
            .stream()
            .map(cell -> cell.getText().strip())
            .toList();
    assertThat(oldest).hasSize(12).allMatch("100%"::equals);
  }

  @Test
  void anExplicitRangeIsKept() {
    LocalDate from = THIS_MONDAY.minusWeeks(3);
    dashboard.browser().openPage("/retention?from=" + from + "&to=" + TODAY);

    // Four cohorts, of which this week's has no later week yet.
    assertThat(dashboard.browser().driver().findElements(By.cssSelector("#retention-table tbody tr"))).hasSize(3);
  }

  private static RecordBatch weeklyInstalls() {
    List<StoredEvent> events = new ArrayList<>();
    for (int week = 0; week < 20; week++) {
      LocalDate first = THIS_MONDAY.minusWeeks(week);
      Component component =
          new Component(ComponentType.NETWORK_MAPPER, "nm-" + week, "ctx-" + week, "1.0.0", "");
      for (LocalDate day = first; !day.isAfter(TODAY); day = day.plusDays(1)) {
        events.add(
            new StoredEvent(
                day.atTime(12, 0).toInstant(ZoneOffset.UTC),
                component,
                TelemetryData.of(EventType.ACTIVE, 1)));
      }
    }
    return new RecordBatch(events, List.of(), List.of());
  }
}
