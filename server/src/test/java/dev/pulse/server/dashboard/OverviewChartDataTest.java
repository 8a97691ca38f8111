package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Overview's chart downloads hold exactly what the charts draw, and its own controls live in
 * the URL, against {@link KnownDataSet} counted independently ({@link DataSetFigures}).
 */
class OverviewChartDataTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  private static final DataSetFigures FIGURES = new DataSetFigures(KnownDataSet.build());

  @Test
  void everyChartHasACsvAndActiveInstallsCsvHoldsEachDaysCounts() {
    BrowserSession browser = session.open("/");

    List<WebElement> charts = browser.driver().findElements(By.cssSelector(".chart[data-chart]"));
    List<WebElement> links = browser.driver().findElements(By.cssSelector("a.csv-link"));
    assertThat(links).hasSameSizeAs(charts).isNotEmpty();

    ChartCsv csv = ChartCsv.of(browser, "Active installs");
    assertThat(csv.header()).containsExactly("day", "Daily", "7-day", "28-day");
    TreeMap<LocalDate, Set<String>> active = FIGURES.activeInstalls();
    assertThat(csv.rows()).hasSize(active.size());
    for (LocalDate day : active.keySet()) {
      String d = day.toString();
      assertThat(csv.value(d, "Daily")).isEqualTo(String.valueOf(active.get(day).size()));
      assertThat(csv.value(d, "7-day"))
          .isEqualTo(String.valueOf(FIGURES.activeBetween(day.minusDays(6), day).size()));
      assertThat(csv.value(d, "28-day"))
          .isEqualTo(String.valueOf(FIGURES.activeBetween(day.minusDays(27), day).size()));
    }
  }

  @Test
  void downloadingTheCsvSavesTheChartsNumbersAsAFile() throws Exception {
    BrowserSession browser = session.open("/");
    Path downloads = Files.createTempDirectory("pulse-downloads-");
    try {
      browser
          .driver()
          .executeCdpCommand(
              "Browser.setDownloadBehavior",
              Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      ChartCsv expected = ChartCsv.of(browser, "Active installs");

      browser.driver().findElement(By.cssSelector("a.csv-link[data-csv='Active installs']")).click();

      Path file = downloads.resolve("active-installs.csv");
      browser.waiting().until(d -> Files.exists(file) && fileSize(file) > 0);
      List<String> lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\r\n"));
      assertThat(lines.get(0)).isEqualTo(String.join(",", expected.header()));
      assertThat(lines.subList(1, lines.size()))
          .isEqualTo(expected.rows().stream().map(row -> String.join(",", row)).toList());
    } finally {
      try (Stream<Path> files = Files.walk(downloads)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  @Test
  void versionAdoptionHasAFoldedTableBesideItsChart() {
    BrowserSession browser = session.open("/");

    WebElement folded =
        browser.driver().findElement(By.cssSelector("details[data-table-of^='Version adoption']"));
    folded.findElement(By.tagName("summary")).click();

    // Oct 25: a and b on 1.1.0, d on 1.0.0.
    Map<String, TreeMap<LocalDate, Set<String>>> versions = FIGURES.installsByVersion();
    long all = FIGURES.activeInstalls().get(KnownDataSet.LAST_DAY).size();
    for (String version : versions.keySet()) {
      double share = 100.0 * versions.get(version).get(KnownDataSet.LAST_DAY).size() / all;
      String cell =
          folded
              .findElement(
                  By.xpath(".//tr[td[@data-col='x' and text()='" + KnownDataSet.LAST_DAY
                      + "']]/td[@data-col='" + version + "']"))
              .getText();
      assertThat(Double.parseDouble(cell)).isCloseTo(share, org.assertj.core.data.Offset.offset(0.05));
    }
  }

  @Test
  void newInstallsPeriodIsKeptInTheUrlAndRestoredFromIt() {
    BrowserSession browser = session.open("/");

    new Select(browser.driver().findElement(By.id("state-period"))).selectByValue("week");
    browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-period='week']")).isEmpty());
    assertThat(browser.driver().getCurrentUrl()).contains("period=week");

    browser.driver().navigate().refresh();
    browser.awaitRendered();
    ChartCsv csv = ChartCsv.of(browser, "New installs per week");
    // Each install counts in the ISO week (from Monday) of its first day.
    Map<LocalDate, Long> perWeek =
        FIGURES.activeInstalls().entrySet().stream()
            .flatMap(e -> e.getValue().stream().map(ctx -> Map.entry(ctx, e.getKey())))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a.isBefore(b) ? a : b))
            .values().stream()
            .collect(Collectors.groupingBy(
                day -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                TreeMap::new,
                Collectors.counting()));
    assertThat(csv.header()).containsExactly("week", "New installs");
    assertThat(csv.rows()).hasSize(perWeek.size());
    perWeek.forEach((week, count) -> assertThat(csv.value(week.toString(), "New installs")).isEqualTo(String.valueOf(count)));

    // Back to the default: the parameter leaves the URL, and a 21-day range counts per day.
    new Select(browser.driver().findElement(By.id("state-period"))).selectByValue("auto");
    browser.waiting().until(d -> !d.findElements(By.cssSelector("[data-period='day']")).isEmpty());
    assertThat(browser.driver().getCurrentUrl()).doesNotContain("period=");
  }
}
