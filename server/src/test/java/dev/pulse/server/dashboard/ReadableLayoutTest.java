package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.analytics.generate.DataSetGenerator;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;

/**
 * Every page of a populated server (200 installs over 90 days) at a phone width and at laptop
 * widths: no card or table wider than its box unless it says it scrolls, and every value, figure
 * and name inside its card ({@link LayoutProbe}); in the light and the dark colour scheme, every
 * text legible against what lies behind it ({@link ContrastProbe}); and without a mouse, everything
 * clickable reached by the Tab key, named and showing its focus ({@link KeyboardProbe}).
 */
class ReadableLayoutTest {

  static final Dimension LAPTOP = new Dimension(1366, 768);
  static final Dimension WIDE = new Dimension(1920, 1080);
  private static final String RANGE = "?from=2026-07-28&to=2026-10-25";

  @RegisterExtension
  static final SignedInBrowser dashboard =
      new SignedInBrowser(() -> store -> {
        new DataSetGenerator(DataSetGenerator.Settings.of(200, 90, LocalDate.parse("2026-10-25"), 7))
            .writeTo(store, (done, days, records) -> {});
        store.append(longVersion());
      });

  /**
   * One install and one CLI command whose version is as long as ingestion allows (256 characters,
   * no space): one client's version string must not widen any table or chart legend.
   */
  private static RecordBatch longVersion() {
    String version = "1.0.0-" + "x".repeat(250);
    Instant at = Instant.parse("2026-10-25T12:00:00Z");
    return new RecordBatch(
        List.of(new StoredEvent(at, new Component(ComponentType.NETWORK_MAPPER, "long-nm", "ctx-long", version, ""),
            TelemetryData.of(EventType.ACTIVE, 1))),
        List.of(new StoredCliCommand(at, new CliIdentifier(version, "ctx-long-cli", ""),
            new CliCommand("intents", "export", List.of()))),
        List.of());
  }


  @AfterEach
  void fullSizeAndOwnScheme() {
    LayoutProbe.reset(dashboard.browser());
    ContrastProbe.reset(dashboard.browser());
  }

  @Test
  void everyPageIsReadableOnAPhone() {
    assertThat(problemsOnEveryPage(BrowserSession.PHONE, "phone")).isEmpty();
  }

  @Test
  void everyPageIsReadableOnALaptop() {
    assertThat(problemsOnEveryPage(LAPTOP, "laptop")).isEmpty();
  }

  @Test
  void cliTablesFitTheirCardsOnAWideScreen() {
    LayoutProbe.resize(dashboard.browser(), WIDE);
    dashboard.browser().openPage("/cli" + RANGE);

    assertThat(LayoutProbe.problems(dashboard.browser())).isEmpty();
    assertThat(dashboard.browser().driver().findElements(By.cssSelector("#cli-detail td[data-col='installs']")))
        .isNotEmpty()
        .allMatch(cell -> cell.isDisplayed() && !cell.getText().isBlank());
  }

  @Test
  void everyPageIsLegibleInTheLightScheme() {
    assertThat(faintTextOnEveryPage("light")).isEmpty();
  }

  @Test
  void everyPageIsLegibleInTheDarkScheme() {
    assertThat(faintTextOnEveryPage("dark")).isEmpty();
    assertThat(dashboard.browser().driver().executeScript(
        "return getComputedStyle(document.documentElement).backgroundColor")).isEqualTo("rgb(15, 23, 42)");
  }

  @Test
  void everyPageIsOperableFromTheKeyboard() {
    assertThat(onEveryPage(() -> {}, KeyboardProbe::problems, "keyboard", LAPTOP)).isEmpty();
  }

  @Test
  void theTabKeyShowsWhereItIsAndTogglesAChartsSeries() {
    dashboard.browser().openPage("/" + RANGE);
    assertThat(KeyboardProbe.unmarkedFocus(dashboard.browser(), 300)).isEmpty();
    var legendNames = dashboard.browser().driver().findElements(By.cssSelector(".u-legend .u-series th"));
    assertThat(legendNames).isNotEmpty()
        .allMatch(name -> "yes".equals(name.getAttribute("data-probe-focused")), "reached by the Tab key");

    var first = legendNames.get(0);
    var row = first.findElement(By.xpath(".."));
    assertThat(first.getAttribute("aria-pressed")).isEqualTo("true");
    first.sendKeys(Keys.ENTER);
    assertThat(row.getAttribute("class")).contains("u-off");
    assertThat(first.getAttribute("aria-pressed")).isEqualTo("false");
    first.sendKeys(Keys.SPACE);
    assertThat(row.getAttribute("class")).doesNotContain("u-off");
    assertThat(first.getAttribute("aria-pressed")).isEqualTo("true");
  }

  private static Map<String, List<String>> faintTextOnEveryPage(String scheme) {
    return onEveryPage(() -> ContrastProbe.prefer(dashboard.browser(), scheme), ContrastProbe::problems,
        "scheme-" + scheme, LAPTOP);
  }

  private static Map<String, List<String>> problemsOnEveryPage(Dimension size, String label) {
    return onEveryPage(() -> LayoutProbe.resize(dashboard.browser(), size), LayoutProbe::problems,
        "layout-" + label, size);
  }

  /** Each page's problems by {@code probe}, after {@code prepare}; a screenshot of each page. */
  private static Map<String, List<String>> onEveryPage(
      Runnable prepare, Function<BrowserSession, List<String>> probe, String shots, Dimension size) {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    for (String page : pages()) {
      prepare.run();
      dashboard.browser().openPage(page + RANGE);
      List<String> found = probe.apply(dashboard.browser());
      if (!found.isEmpty()) {
        problems.put(page, found);
      }
      String name = page.equals("/") ? "overview" : page.substring(1).replaceAll("/.*", "-detail");
      dashboard.browser().screenshot(shots + "-" + name, size);
    }
    return problems;
  }

  private static List<String> pages() {
    LayoutProbe.reset(dashboard.browser());
    dashboard.browser().openPage("/errors" + RANGE);
    String detail =
        dashboard.browser().driver().findElement(By.cssSelector("#errors-table a.error-link")).getAttribute("href");
    String detailPath = detail.replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "");
    return List.of("/", "/features", "/cli", "/errors", detailPath, "/retention", "/releases");
  }
}
