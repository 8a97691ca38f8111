package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Retention page against {@link KnownDataSet}. */
class RetentionPageTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  @Test
  void showsWeeklyCohortsWithTheShareStillActive() {
    BrowserSession browser = session.open("/retention");

    // Week 41: a, b, c; c churns, so 2 of 3 stay in weeks 42 and 43. Week 42: d, who stays.
    assertThat(cohortCell("2026-10-05", "cohortSize")).isEqualTo("3");
    assertThat(share("2026-10-05", 1)).isEqualTo("67%");
    assertThat(share("2026-10-05", 2)).isEqualTo("67%");
    assertThat(cohortCell("2026-10-12", "cohortSize")).isEqualTo("1");
    assertThat(share("2026-10-12", 1)).isEqualTo("100%");
    browser.screenshot("retention", BrowserSession.LAPTOP);
  }

  @Test
  void cellsAreShadedByShare() {
    session.open("/retention");

    WebElement high = shareCell("2026-10-12", 1);
    WebElement lower = shareCell("2026-10-05", 1);
    assertThat(high.getCssValue("background-color"))
        .isNotEqualTo(lower.getCssValue("background-color"));
  }

  @Test
  void componentFilterChangesCohorts() {
    BrowserSession browser = session.open("/retention");

    browser.applyFilters("2026-10-05", "2026-10-25", "INTENTS_OPERATOR");

    // Intents operators of week 41: b and c; only b stays.
    assertThat(cohortCell("2026-10-05", "cohortSize")).isEqualTo("2");
    assertThat(share("2026-10-05", 1)).isEqualTo("50%");
  }

  private static String cohortCell(String week, String column) {
    return session
        .browser()
        .text(By.cssSelector("tr[data-cohort='" + week + "'] td[data-col='" + column + "']"));
  }

  private static WebElement shareCell(String week, int offset) {
    return session
        .browser()
        .driver()
        .findElement(
            By.cssSelector("tr[data-cohort='" + week + "'] td[data-week='" + offset + "']"));
  }

  private static String share(String week, int offset) {
    return shareCell(week, offset).getText().strip();
  }
}
