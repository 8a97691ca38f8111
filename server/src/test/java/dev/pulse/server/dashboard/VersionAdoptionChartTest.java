package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Overview's "adoption over time" chart over a range where six old versions each have more
 * install-days than the two versions most installs run at its end: the chart must still draw the
 * two current ones (the former rule, the six versions with the most install-days, left them out).
 *
 * <pre>
 * 12 installs, 60 days from 2026-08-27. Days 0..49: install i runs 1.(i mod 6), two installs per
 * version (100 install-days each). Days 50..59: installs 0..6 run 2.0 (70 install-days), 7..11 run
 * 2.1 (50 install-days).
 * </pre>
 */
class VersionAdoptionChartTest {

  private static final LocalDate FIRST = LocalDate.parse("2026-08-27");
  private static final int DAYS = 60;
  private static final int SWITCH_DAY = 50;
  private static final int INSTALLS = 12;
  private static final String CHART = "Version adoption (% of active installs)";
  /** The chart's limits (docs/dashboard.md): lines for the leaders now, then for the peaks. */
  private static final int LAST_DAY_LINES = 4;
  private static final int PEAK_LINES = 2;

  private static final RecordBatch DATA = build();
  @RegisterExtension
  static final SignedInBrowser dashboard =
      new SignedInBrowser(() -> store -> store.append(DATA));


  @Test
  void drawsTheVersionsMostInstallsRunOnTheLastDayAndSumsTheRestAsOther() {
    LocalDate last = FIRST.plusDays(DAYS - 1);
    dashboard.browser().openPage("/?from=" + FIRST + "&to=" + last);

    ChartCsv csv = ChartCsv.of(dashboard.browser(), CHART);

    Map<String, TreeMap<LocalDate, Set<String>>> versions =
        new DataSetFigures(DATA).installsByVersion();
    List<String> runningLast =
        versions.keySet().stream().filter(v -> versions.get(v).containsKey(last)).toList();
    assertThat(runningLast).hasSize(2);
    List<String> drawn = csv.header().subList(1, csv.header().size());
    assertThat(drawn).containsAll(runningLast).contains("other versions");
    assertThat(drawn).hasSizeLessThanOrEqualTo(LAST_DAY_LINES + PEAK_LINES + 1);
    for (String version : runningLast) {
      double share = 100.0 * versions.get(version).get(last).size() / INSTALLS;
      assertThat(Double.parseDouble(csv.value(last.toString(), version)))
          .isCloseTo(share, org.assertj.core.data.Offset.offset(0.05));
    }
    // Every install runs one version, so on each day the lines, "other" included, add up to 100%.
    for (List<String> row : csv.rows()) {
      double sum = row.subList(1, row.size()).stream().mapToDouble(Double::parseDouble).sum();
      assertThat(sum).as("shares on %s", row.get(0)).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.5));
    }
    // Of the six old versions, the peak lines draw two; the other four are summed in "other".
    List<String> old =
        versions.keySet().stream()
            .filter(v -> !runningLast.contains(v))
            .sorted(Comparator.reverseOrder())
            .toList();
    assertThat(drawn.stream().filter(old::contains).count()).isEqualTo(PEAK_LINES);
    dashboard.browser().screenshot("overview-adoption-other", BrowserSession.LAPTOP);
  }

  private static RecordBatch build() {
    List<StoredEvent> events = new ArrayList<>();
    for (int day = 0; day < DAYS; day++) {
      for (int install = 0; install < INSTALLS; install++) {
        String version =
            day < SWITCH_DAY ? "1." + (install % 6) : install < 7 ? "2.0" : "2.1";
        Component component =
            new Component(
                ComponentType.NETWORK_MAPPER, "nm-" + install, "ctx-" + install, version, "");
        events.add(
            new StoredEvent(
                FIRST.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC),
                component,
                TelemetryData.of(EventType.ACTIVE, 1)));
      }
    }
    return new RecordBatch(events, List.of(), List.of());
  }
}
