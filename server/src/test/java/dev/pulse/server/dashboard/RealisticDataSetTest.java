package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.analytics.generate.DataSetGenerator;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every page with a generated, realistic data set (200 installs over 90 days: upgrades, churn, CLI
 * use, errors): it renders without a console error and stays laid out at volume. The screenshots
 * ({@code realistic-*.png}) are the ones to look at when changing the pages.
 */
class RealisticDataSetTest {

  private static final String RANGE = "?from=2026-07-28&to=2026-10-25";

  private static DashboardTestServer server;
  private static BrowserSession browser;

  @BeforeAll
  static void start() {
    Chromium.requireInstalled();
    DataSetGenerator generator =
        new DataSetGenerator(
            DataSetGenerator.Settings.of(200, 90, LocalDate.parse("2026-10-25"), 7));
    server =
        DashboardTestServer.start(store -> generator.writeTo(store, (done, days, records) -> {}));
    browser = BrowserSession.open(server);
    browser.signIn(DashboardTestServer.ADMIN_TOKEN);
    browser.awaitRendered();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyPageRendersNinetyDaysOfAPopulatedServer() {
    for (String page :
        new String[] {"/", "/features", "/cli", "/errors", "/retention", "/releases"}) {
      browser.openPage(page + RANGE);

      String name = page.equals("/") ? "overview" : page.substring(1);
      assertThat(browser.screenshot("realistic-" + name, BrowserSession.LAPTOP)).exists();
    }
    browser.openPage("/" + RANGE);
    assertThat(browser.driver().findElements(By.cssSelector("#active-installs-table tbody tr")))
        .hasSize(90);
    browser.screenshot("realistic-overview-phone", BrowserSession.PHONE);
  }

  @Test
  void errorDetailRendersAGeneratedCauseChain() {
    browser.openPage("/errors" + RANGE);
    browser.driver().findElement(By.cssSelector("#errors-table a.error-link")).click();
    browser.awaitRendered();

    assertThat(browser.driver().findElements(By.cssSelector("ol.chain > li"))).isNotEmpty();
    browser.screenshot("realistic-error-detail", BrowserSession.LAPTOP);
  }
}
