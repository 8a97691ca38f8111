package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.StoredError;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The error pages' trend chart, version breakdown and sort order against {@link KnownDataSet},
 * counted independently from its records ({@link DataSetFigures}).
 */
class ErrorTrendPageTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  private static final DataSetFigures FIGURES = new DataSetFigures(KnownDataSet.build());
  private static final String TREND_CHART = "Reports and affected installs";

  @Test
  void trendChartHoldsReportsAndAffectedInstallsOfEveryDay() {
    BrowserSession browser = openDetail(KnownDataSet.TIMEOUT_FINGERPRINT);

    ChartCsv csv = ChartCsv.of(browser, TREND_CHART);

    assertThat(csv.header()).containsExactly("day", "Reports", "Installs");
    List<StoredError> reports = FIGURES.reports(KnownDataSet.TIMEOUT_FINGERPRINT);
    List<String> days =
        KnownDataSet.FIRST_DAY.datesUntil(KnownDataSet.LAST_DAY.plusDays(1))
            .map(LocalDate::toString)
            .toList();
    assertThat(csv.rows()).extracting(row -> row.get(0)).isEqualTo(days);
    for (String day : days) {
      List<StoredError> onDay =
          reports.stream().filter(r -> DataSetFigures.day(r.receivedAt()).toString().equals(day)).toList();
      long installs = onDay.stream().map(r -> r.component().contextId()).distinct().count();
      assertThat(csv.value(day, "Reports")).as("reports on %s", day).isEqualTo(String.valueOf(onDay.size()));
      assertThat(csv.value(day, "Installs")).as("installs on %s", day).isEqualTo(String.valueOf(installs));
    }
    // The folded table under the chart has the same numbers.
    WebElement folded = browser.driver().findElement(By.cssSelector("details.chart-table"));
    folded.findElement(By.tagName("summary")).click();
    String firstReportDay = DataSetFigures.day(reports.get(0).receivedAt()).toString();
    assertThat(
            folded
                .findElement(By.xpath(".//tr[td[@data-col='x' and text()='" + firstReportDay + "']]/td[@data-col='Reports']"))
                .getText())
        .isEqualTo(csv.value(firstReportDay, "Reports"));
  }

  @Test
  void versionBreakdownShowsErrorRateAndTheVersionItIsNewIn() {
    for (String fingerprint :
        List.of(KnownDataSet.TIMEOUT_FINGERPRINT, KnownDataSet.BROKER_FINGERPRINT)) {
      BrowserSession browser = openDetail(fingerprint);
      List<StoredError> reports = FIGURES.reports(fingerprint);
      Map<String, List<StoredError>> byVersion =
          reports.stream().collect(Collectors.groupingBy(r -> r.component().version()));
      String firstVersion =
          reports.stream()
              .min(Comparator.comparing(StoredError::receivedAt))
              .orElseThrow()
              .component()
              .version();

      List<WebElement> rows =
          browser.driver().findElements(By.cssSelector("#error-versions-table tbody tr"));
      assertThat(rows).hasSize(byVersion.size());
      for (WebElement row : rows) {
        String version = column(row, "version").split("\\s")[0];
        List<StoredError> onVersion = byVersion.get(version);
        long installs = onVersion.stream().map(r -> r.component().contextId()).distinct().count();
        long active = activeOn(version);
        assertThat(column(row, "reports")).isEqualTo(String.valueOf(onVersion.size()));
        assertThat(column(row, "installs")).isEqualTo(String.valueOf(installs));
        assertThat(column(row, "activeInstalls")).isEqualTo(String.valueOf(active));
        assertThat(column(row, "rate")).isEqualTo(Math.round(100.0 * installs / active) + "%");
        assertThat(column(row, "version").contains("new in " + version))
            .as("%s marked new in %s", fingerprint, version)
            .isEqualTo(version.equals(firstVersion));
      }
    }
  }

  @Test
  void errorOrderIsKeptInTheUrlAndSurvivesANewDateRange() {
    BrowserSession browser = session.open("/errors");

    new Select(browser.driver().findElement(By.id("state-sort"))).selectByValue("lastSeen");

    assertThat(browser.driver().getCurrentUrl()).contains("sort=lastSeen");
    List<String> latestFirst =
        List.of(KnownDataSet.TIMEOUT_FINGERPRINT, KnownDataSet.BROKER_FINGERPRINT).stream()
            .sorted(Comparator.comparing(this::lastReport).reversed())
            .map(f -> FIGURES.reports(f).get(0).error().errorClass())
            .toList();
    assertThat(errorClasses(browser)).isEqualTo(latestFirst);

    browser.driver().navigate().refresh();
    browser.awaitRendered();
    assertThat(errorClasses(browser)).isEqualTo(latestFirst);

    browser.applyFilters(KnownDataSet.FIRST_DAY.toString(), KnownDataSet.LAST_DAY.minusDays(1).toString(), null);
    assertThat(browser.driver().getCurrentUrl()).contains("sort=lastSeen").contains("to=" + KnownDataSet.LAST_DAY.minusDays(1));
    assertThat(new Select(browser.driver().findElement(By.id("state-sort")))
            .getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("lastSeen");
  }

  @Test
  void theTabNamesTheErrorItShows() {
    BrowserSession browser = openDetail(KnownDataSet.TIMEOUT_FINGERPRINT);

    String errorClass = browser.text(By.cssSelector("h1 code"));
    assertThat(errorClass).isNotBlank();
    assertThat(browser.driver().getTitle()).isEqualTo(errorClass + " · Error · Pulse");
  }

  @Test
  void detailFitsALaptopAndAPhone() {
    BrowserSession browser = openDetail(KnownDataSet.TIMEOUT_FINGERPRINT);

    assertThat(Viewport.overflow(browser, BrowserSession.LAPTOP, "#error-versions-table")).isZero();
    assertThat(Viewport.overflow(browser, BrowserSession.PHONE, "#error-versions-table")).isZero();
    assertThat(browser.screenshot("error-detail-trend-phone", BrowserSession.PHONE)).exists();
  }

  private BrowserSession openDetail(String fingerprint) {
    return session.open("/errors/" + fingerprint);
  }

  private java.time.Instant lastReport(String fingerprint) {
    return FIGURES.reports(fingerprint).stream()
        .map(StoredError::receivedAt)
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  /** Installs active on {@code version} in the data set's range. */
  private static long activeOn(String version) {
    TreeMap<LocalDate, Set<String>> days = FIGURES.installsByVersion().get(version);
    return days.values().stream().flatMap(Set::stream).distinct().count();
  }

  private static List<String> errorClasses(BrowserSession browser) {
    return browser.driver().findElements(By.cssSelector("#errors-table a.error-link code")).stream()
        .map(e -> e.getText().strip())
        .toList();
  }

  private static String column(WebElement row, String key) {
    return row.findElement(By.cssSelector("td[data-col='" + key + "']")).getText().strip();
  }
}
