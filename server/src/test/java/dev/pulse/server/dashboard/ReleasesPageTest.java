package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Releases page against {@link KnownDataSet}, its figures counted independently from the data
 * set's records ({@link DataSetFigures}).
 */
class ReleasesPageTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  private static final Map<String, TreeMap<LocalDate, Set<String>>> VERSIONS =
      new DataSetFigures(KnownDataSet.build()).installsByVersion();
  private static final String INSTALLS_CHART = "Adoption (installs)";
  private static final String PEAK_CHART = "Adoption (% of peak installs)";

  @Test
  void listsEachVersionWithFirstDayInstallsNowPeakAndDaysToShareOfPeak() {
    BrowserSession browser = session.open("/releases");

    List<WebElement> rows =
        browser.driver().findElements(By.cssSelector("#releases-table tbody tr"));
    assertThat(rows)
        .extracting(row -> column(row, "version"))
        .containsExactlyInAnyOrderElementsOf(VERSIONS.keySet());
    for (WebElement row : rows) {
      TreeMap<LocalDate, Set<String>> days = VERSIONS.get(column(row, "version"));
      LocalDate first = days.firstKey();
      long peak = days.values().stream().mapToLong(Set::size).max().orElseThrow();
      assertThat(column(row, "firstSeen")).isEqualTo(first.toString());
      assertThat(column(row, "installsNow"))
          .isEqualTo(String.valueOf(days.getOrDefault(KnownDataSet.LAST_DAY, Set.of()).size()));
      assertThat(column(row, "peak")).isEqualTo(String.valueOf(peak));
      assertThat(column(row, "peakDay")).isEqualTo(firstDayWithAtLeast(days, peak).toString());
      for (int percent : new int[] {10, 50, 90}) {
        LocalDate reached = firstDayWithAtLeast(days, (peak * percent + 99) / 100);
        assertThat(column(row, "daysTo" + percent))
            .as("days to %d%% of %s", percent, column(row, "version"))
            .isEqualTo(String.valueOf(ChronoUnit.DAYS.between(first, reached)));
      }
    }
    assertThat(browser.text(By.cssSelector("nav a[aria-current='page']"))).isEqualTo("Releases");
  }

  @Test
  void saysTheVersionsOfEveryComponentAreTogetherUntilOneIsChosen() {
    BrowserSession browser = session.open("/releases");
    assertThat(browser.text(By.id("every-component-note")))
        .contains("a version number two components share is one row").contains("Choose a component");

    browser.applyFilters(KnownDataSet.FIRST_DAY.toString(), KnownDataSet.LAST_DAY.toString(), "NETWORK_MAPPER");

    assertThat(browser.driver().findElements(By.cssSelector("#releases-table tbody tr"))).isNotEmpty();
    assertThat(browser.driver().findElements(By.id("every-component-note"))).isEmpty();
  }

  @Test
  void adoptionCurvesStartAtEachVersionsFirstDay() {
    BrowserSession browser = session.open("/releases");

    ChartCsv csv = ChartCsv.of(browser, INSTALLS_CHART);

    assertThat(csv.header().get(0)).isEqualTo("days since first seen");
    assertThat(csv.header().subList(1, csv.header().size()))
        .containsExactlyInAnyOrderElementsOf(VERSIONS.keySet());
    for (String version : VERSIONS.keySet()) {
      assertThat(column(csv, version)).isEqualTo(curve(version));
    }
  }

  @Test
  void curveUnitIsKeptInTheUrlAndRestoredFromIt() {
    BrowserSession browser = session.open("/releases");

    new Select(browser.driver().findElement(By.id("state-curve"))).selectByValue("peak");
    browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-unit='peak']")).isEmpty());

    String url = browser.driver().getCurrentUrl();
    assertThat(url).contains("curve=peak").contains("from=" + KnownDataSet.FIRST_DAY);
    browser.driver().navigate().refresh();
    browser.awaitRendered();
    assertThat(new Select(browser.driver().findElement(By.id("state-curve")))
            .getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("peak");
    ChartCsv csv = ChartCsv.of(browser, PEAK_CHART);
    for (String version : VERSIONS.keySet()) {
      List<Long> installs = curve(version).stream().map(Long::parseLong).toList();
      long peak = installs.stream().mapToLong(Long::longValue).max().orElseThrow();
      List<Double> expected =
          installs.stream().map(n -> Math.round(n * 1000.0 / peak) / 10.0).toList();
      assertThat(column(csv, version).stream().map(Double::parseDouble).toList())
          .isEqualTo(expected);
    }
  }

  @Test
  void fitsALaptopAndAPhoneWithoutSidewaysScrolling() {
    BrowserSession browser = session.open("/releases");

    assertThat(Viewport.overflow(browser, BrowserSession.LAPTOP, ".card")).isZero();
    assertThat(Viewport.overflow(browser, BrowserSession.PHONE, ".card")).isZero();
    assertThat(browser.screenshot("releases-laptop", BrowserSession.LAPTOP)).exists();
    assertThat(browser.screenshot("releases-phone", BrowserSession.PHONE)).exists();
  }

  /** Installs on the version from its first day to the data set's last day. */
  private static List<String> curve(String version) {
    TreeMap<LocalDate, Set<String>> days = VERSIONS.get(version);
    List<String> installs = new ArrayList<>();
    for (LocalDate day = days.firstKey(); !day.isAfter(KnownDataSet.LAST_DAY); day = day.plusDays(1)) {
      installs.add(String.valueOf(days.getOrDefault(day, Set.of()).size()));
    }
    return installs;
  }

  private static List<String> column(ChartCsv csv, String version) {
    int index = csv.header().indexOf(version);
    return csv.rows().stream().map(row -> row.get(index)).filter(v -> !v.isEmpty()).toList();
  }

  private static LocalDate firstDayWithAtLeast(TreeMap<LocalDate, Set<String>> days, long n) {
    return days.entrySet().stream()
        .filter(e -> e.getValue().size() >= n)
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  private static String column(WebElement row, String key) {
    return row.findElement(By.cssSelector("td[data-col='" + key + "']")).getText().strip();
  }
}
