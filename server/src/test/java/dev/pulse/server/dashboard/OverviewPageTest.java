package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Overview page against {@link KnownDataSet}: its figures follow from the data's construction.
 */
class OverviewPageTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  @Test
  void showsActiveInstallsOnTheLastDayAndRollingWindows() {
    BrowserSession browser = session.open("/");

    // Oct 25: a, b, d. Oct 19..25 adds e. Within 28 days, c too. b's two components count once.
    assertThat(browser.metric("active")).isEqualTo("3");
    assertThat(browser.metric("active7")).isEqualTo("4");
    assertThat(browser.metric("active28")).isEqualTo("5");
    assertThat(browser.metric("new-installs")).isEqualTo("5");
    assertThat(cell("active-installs-table", "2026-10-06", "active")).isEqualTo("3");
    assertThat(cell("new-installs-table", "2026-10-12", "newInstalls")).isEqualTo("1");
  }

  @Test
  void chartsTakeTheDarkSchemesColoursWhenTheReaderSwitchesWithoutAReload() {
    BrowserSession browser = session.open("/");
    String light = firstSeriesColour(browser);
    int charts = browser.driver().findElements(By.cssSelector(".chart .uplot")).size();
    try {
      ContrastProbe.prefer(browser, "dark");

      browser.waiting().withMessage("the first series to change colour")
          .until(d -> !firstSeriesColour(browser).equals(light));
      assertThat(firstSeriesColour(browser)).isEqualTo("rgb(165, 180, 252)"); // --series-1, dark
      assertThat(browser.driver().findElements(By.cssSelector(".chart .uplot"))).hasSize(charts); // replaced
      assertThat(ContrastProbe.problems(browser)).isEmpty();
    } finally {
      ContrastProbe.reset(browser);
    }
  }

  private static String firstSeriesColour(BrowserSession browser) {
    return (String) browser.driver().executeScript(
        "return getComputedStyle(document.querySelector('.u-legend .u-marker')).borderTopColor");
  }

  @Test
  void showsTheVersionsOfTheLastDay() {
    BrowserSession browser = session.open("/");

    // Oct 25: a upgraded to 1.1.0 with b; d stays on 1.0.0.
    List<WebElement> rows =
        browser.driver().findElements(By.cssSelector("#versions-table tbody tr"));
    assertThat(rows)
        .extracting(row -> row.getText().replaceAll("\\s+", " "))
        .containsExactly("1.1.0 2 67%", "1.0.0 1 33%");
  }

  @Test
  void breaksActiveInstallsDownByComponent() {
    BrowserSession browser = session.open("/");

    // Oct 25: network mappers of a, b, d; the intents operator of b. b counts in both.
    List<WebElement> rows =
        browser.driver().findElements(By.cssSelector("#components-table tbody tr"));
    assertThat(rows)
        .extracting(row -> row.getText().replaceAll("\\s+", " "))
        .containsExactly("NETWORK_MAPPER 3 3 3", "INTENTS_OPERATOR 1 2 3");
  }

  @Test
  void componentFilterChangesActiveInstalls() {
    BrowserSession browser = session.open("/");

    browser.applyFilters("2026-10-05", "2026-10-25", "INTENTS_OPERATOR");

    // Intents operators: b every day, c on Oct 5..7, e on Oct 19..20.
    assertThat(browser.driver().getCurrentUrl()).contains("component=INTENTS_OPERATOR");
    assertThat(browser.metric("active")).isEqualTo("1");
    assertThat(browser.metric("active7")).isEqualTo("2");
    assertThat(browser.metric("active28")).isEqualTo("3");
    assertThat(browser.metric("new-installs")).isEqualTo("3");
  }

  @Test
  void aComponentInAnyCaseInTheUrlShowsInTheComponentSelect() {
    BrowserSession browser = session.browser();
    browser.openPage("/?from=2026-10-05&to=2026-10-25&component=intents_Operator");

    assertThat(browser.driver().findElement(By.name("component")).getAttribute("value"))
        .isEqualTo("INTENTS_OPERATOR");
    assertThat(browser.metric("active")).isEqualTo("1");
  }

  @Test
  void aRequestThatGetsNoAnswerKeepsItsControlAndCanBeTriedAgain() {
    BrowserSession browser = session.open("/");
    By failure = By.cssSelector("[data-period] .failure-note, .card .failure-note");
    try {
      offline(browser, true); // as a stopped server: the request fails at once
      new Select(browser.driver().findElement(By.id("state-period"))).selectByValue("week");
      browser.waiting().until(d -> !d.findElements(failure).isEmpty());

      assertThat(browser.text(failure)).contains("The server could not be reached");
      assertThat(browser.driver().findElement(By.id("state-period")).getAttribute("value")).isEqualTo("week");
    } finally {
      offline(browser, false);
    }
    browser.driver().findElement(By.cssSelector(".failure-note .retry")).click();
    browser.waiting().until(d -> d.findElements(failure).isEmpty()
        && !d.findElements(By.cssSelector("[data-period='week']")).isEmpty());
    browser.consoleErrors(); // the failed request
  }

  private static void offline(BrowserSession browser, boolean offline) {
    browser.driver().executeCdpCommand("Network.enable", Map.of());
    browser.driver().executeCdpCommand("Network.emulateNetworkConditions",
        Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  @Test
  void dateRangeChangesActiveInstalls() {
    BrowserSession browser = session.open("/");

    browser.applyFilters("2026-10-05", "2026-10-11", null);

    // Week 41 ends with a and b active; c churned after Oct 7; d and e are not there yet.
    assertThat(browser.driver().getCurrentUrl()).contains("to=2026-10-11");
    assertThat(browser.metric("active")).isEqualTo("2");
    assertThat(browser.metric("active7")).isEqualTo("3");
    assertThat(browser.metric("new-installs")).isEqualTo("3");
    assertThat(browser.driver().findElements(By.cssSelector("#active-installs-table tbody tr")))
        .hasSize(7);
  }

  @Test
  void longRangesCountNewInstallsPerWeek() {
    BrowserSession browser = session.open("/");

    browser.applyFilters("2026-10-05", "2026-11-09", null);

    // Weeks 41, 42, 43 bring a+b+c, d, e.
    assertThat(cell("new-installs-table", "2026-10-05", "newInstalls")).isEqualTo("3");
    assertThat(cell("new-installs-table", "2026-10-12", "newInstalls")).isEqualTo("1");
    assertThat(cell("new-installs-table", "2026-10-19", "newInstalls")).isEqualTo("1");
    assertThat(browser.metric("new-installs")).isEqualTo("5");
    // Monday Nov 9 is the range's last day: its week counts one day, and says so.
    assertThat(browser.text(By.cssSelector("#new-installs-table tbody tr:first-child td[data-col='day']")))
        .isEqualTo("2026-11-09 (1 of 7 days)");
    assertThat(browser.driver().findElements(By.cssSelector("#new-installs-table .partial-week"))).hasSize(1);
  }

  @Test
  void aReversedOrTooLongRangeIsToldInTheFormAndNotSent() {
    BrowserSession browser = session.open("/");
    String before = browser.driver().getCurrentUrl();
    assertThat(browser.driver().findElement(By.id("from")).getAttribute("min")).isEqualTo("1970-01-01");

    for (String[] range : new String[][] {
        {"2026-10-25", "2026-10-05", "From (2026-10-25) is after To (2026-10-05)"},
        {"2024-01-01", "2026-10-05", "the longest is 400"}}) {
      browser.driver().executeScript("document.getElementById('from').value = arguments[0];"
          + "document.getElementById('to').value = arguments[1];", range[0], range[1]);
      browser.driver().findElement(By.id("apply")).click();
      browser.waiting().until(d -> d.findElement(By.id("filter-error")).getText().contains(range[2]));
    }
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(before);
    assertThat(browser.driver().findElement(By.id("page")).getAttribute("data-state")).isEqualTo("ready");
  }

  @Test
  void looksRightOnALaptopAndAPhone() {
    BrowserSession browser = session.open("/");

    assertThat(browser.screenshot("overview-laptop", BrowserSession.LAPTOP)).exists();
    assertThat(browser.screenshot("overview-phone", BrowserSession.PHONE)).exists();
  }

  private String cell(String tableId, String day, String column) {
    return session
        .browser()
        .text(
            By.xpath(
                "//table[@id='"
                    + tableId
                    + "']//tr[td[@data-col='day' and text()='"
                    + day
                    + "']]"
                    + "/td[@data-col='"
                    + column
                    + "']"));
  }
}
