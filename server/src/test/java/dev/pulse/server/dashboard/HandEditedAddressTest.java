package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Addresses a person edits by hand or keeps from elsewhere: each shows what it says, or says what it
 * shows instead, against {@link KnownDataSet}.
 */
class HandEditedAddressTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  private static final String RANGE = "from=" + KnownDataSet.FIRST_DAY + "&to=" + KnownDataSet.LAST_DAY;

  @Test
  void aPagePathWithATrailingSlashShowsThatPageUnderItsOwnPath() {
    BrowserSession browser = session.browser();
    browser.openPage("/features/?" + RANGE);

    assertThat(browser.driver().getTitle()).isEqualTo("Features · Pulse");
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("Features");
    assertThat(script(browser, "return location.pathname + location.search")).isEqualTo("/features?" + RANGE);
    assertThat(browser.driver().findElement(By.cssSelector("nav a[aria-current='page']")).getText())
        .isEqualTo("Features");
  }

  @Test
  void aComponentTheFormDoesNotOfferShowsEveryComponentAndSaysWhy() {
    BrowserSession browser = session.open("/");
    String everyComponent = browser.metric("active28");

    browser.openPage("/?" + RANGE + "&component=cli");

    assertThat(browser.text(By.id("filter-error")))
        .isEqualTo("Component \"CLI\" is not one to filter by (CLI commands are on the CLI page): showing all"
            + " components.");
    assertThat(browser.metric("active28")).isEqualTo(everyComponent);
    assertThat(script(browser, "return document.getElementById('component').value")).isEmpty();
    assertThat(script(browser, "return location.search")).isEqualTo("?" + RANGE);

    browser.openPage("/?" + RANGE + "&component=FOO");

    assertThat(browser.text(By.id("filter-error"))).contains("\"FOO\"", "(no component has that type)");
    assertThat(browser.metric("active28")).isEqualTo(everyComponent);
  }

  @Test
  void aToAfterTodayIsShownCutToToday() {
    BrowserSession browser = session.browser();
    browser.openPage("/?from=2026-10-01&to=2099-01-01");
    String today = browser.driver().findElement(By.id("page")).getAttribute("data-today");

    assertThat(script(browser, "return document.getElementById('to').value")).isEqualTo(today);
    assertThat(browser.text(By.cssSelector(".kpi:nth-child(4) .kpi-note"))).isEqualTo("2026-10-01 to " + today);
    assertThat(browser.text(By.id("filter-error"))).isEmpty();
  }

  @Test
  void aRangeEditedIntoTheAddressIsToldInTheFormsWords() {
    BrowserSession browser = session.browser();
    browser.openPage("/features?from=2026-12-01&to=2026-11-01");

    assertThat(browser.text(By.id("filter-error")))
        .isEqualTo("From (2026-12-01) is after To (2026-11-01): choose a From on or before the To.");
    assertThat(browser.text(By.id("page"))).isEqualTo("Features\nChoose another range above.");

    browser.openPage("/?from=yesterday&to=2026-11-01");
    String today = browser.driver().findElement(By.id("page")).getAttribute("data-today");
    assertThat(browser.text(By.id("filter-error")))
        .isEqualTo("From (yesterday) is not a day such as " + today + ": choose the dates again.");
  }

  @Test
  void theOverviewSaysItsVersionsAreEveryComponentsUntilOneIsChosen() {
    BrowserSession browser = session.open("/");
    assertThat(browser.text(By.id("every-component-versions-note")))
        .startsWith("The versions of every component together");

    browser.openPage("/?" + RANGE + "&component=NETWORK_MAPPER");
    assertThat(browser.driver().findElements(By.id("every-component-versions-note"))).isEmpty();
  }

  @Test
  void aDayInASummaryNoteStaysOnOneLineOnAPhone() {
    BrowserSession browser = session.open("/");
    LayoutProbe.resize(browser, new Dimension(390, 844));
    try {
      Number lines = (Number) browser.driver().executeScript(
          "return Math.max(...[...document.querySelectorAll('.kpi-note .day')].map(d => d.getClientRects().length))");
      assertThat(lines.intValue()).isEqualTo(1);
      assertThat(browser.driver().findElements(By.cssSelector(".kpi-note .day"))).hasSize(5);
    } finally {
      LayoutProbe.reset(browser);
    }
  }

  private static String script(BrowserSession browser, String script) {
    return (String) browser.driver().executeScript(script);
  }
}
