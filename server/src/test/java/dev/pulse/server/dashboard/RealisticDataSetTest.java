package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.analytics.generate.DataSetGenerator;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Every page with a generated, realistic data set (200 installs over 90 days: upgrades, churn, CLI
 * use, errors): it renders without a console error and stays laid out at volume. The screenshots
 * ({@code realistic-*.png}) are the ones to look at when changing the pages.
 */
class RealisticDataSetTest {

  private static final String RANGE = "?from=2026-07-28&to=2026-10-25";

  @RegisterExtension
  static final SignedInBrowser dashboard =
      new SignedInBrowser(() -> store -> new DataSetGenerator(
          DataSetGenerator.Settings.of(200, 90, LocalDate.parse("2026-10-25"), 7))
          .writeTo(store, (done, days, records) -> {}));


  @Test
  void everyPageRendersNinetyDaysOfAPopulatedServer() {
    for (String page :
        new String[] {"/", "/features", "/cli", "/errors", "/retention", "/releases"}) {
      dashboard.browser().openPage(page + RANGE);

      String name = page.equals("/") ? "overview" : page.substring(1);
      assertThat(dashboard.browser().screenshot("realistic-" + name, BrowserSession.LAPTOP)).exists();
    }
    dashboard.browser().openPage("/" + RANGE);
    assertThat(dashboard.browser().driver().findElements(By.cssSelector("#active-installs-table tbody tr")))
        .hasSize(90);
    dashboard.browser().screenshot("realistic-overview-phone", BrowserSession.PHONE);
  }

  @Test
  void errorDetailRendersAGeneratedCauseChain() {
    dashboard.browser().openPage("/errors" + RANGE);
    dashboard.browser().driver().findElement(By.cssSelector("#errors-table a.error-link")).click();
    dashboard.browser().awaitRendered();

    assertThat(dashboard.browser().driver().findElements(By.cssSelector("ol.chain > li"))).isNotEmpty();
    dashboard.browser().screenshot("realistic-error-detail", BrowserSession.LAPTOP);
  }
}
