package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Errors list and detail pages against {@link KnownDataSet}. */
class ErrorsPageTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  @Test
  void listsErrorGroupsMostFrequentFirst() {
    BrowserSession browser = session.open("/errors");

    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#errors-table tbody tr"));
    assertThat(rows).hasSize(2);
    assertThat(column(rows.get(0), "error")).contains("java.util.concurrent.TimeoutException");
    assertThat(column(rows.get(0), "count")).isEqualTo("3");
    assertThat(column(rows.get(0), "installs")).isEqualTo("2");
    assertThat(column(rows.get(0), "versions")).isEqualTo("1.0.0");
    assertThat(column(rows.get(0), "firstSeen")).isEqualTo("2026-10-07 13:00:00 UTC");
    // The first and last report in the range, not in the error's whole life as on Releases.
    assertThat(browser.driver().findElements(By.cssSelector("#errors-table thead th")))
        .extracting(th -> th.getAttribute("textContent").strip()) // as written, not as styled (capitals)
        .contains("First seen in range", "Last seen in range");
    assertThat(column(rows.get(1), "error")).contains("*errors.errorString");
    browser.screenshot("errors", BrowserSession.LAPTOP);
  }

  @Test
  void detailShowsTheCauseChainAndStacks() {
    BrowserSession browser = session.open("/errors");

    browser.driver().findElement(By.cssSelector("#errors-table a.error-link")).click();
    browser.awaitRendered();

    assertThat(browser.driver().getCurrentUrl())
        .contains("/errors/" + KnownDataSet.TIMEOUT_FINGERPRINT)
        .contains("from=2026-10-05");
    assertThat(browser.text(By.cssSelector("[data-fact='count']"))).isEqualTo("3");
    assertThat(browser.driver().findElements(By.cssSelector(".fact dt")))
        .extracting(WebElement::getText)
        .contains("First seen in range", "Last seen in range");
    List<WebElement> chain = browser.driver().findElements(By.cssSelector("ol.chain > li"));
    assertThat(chain).hasSize(2);
    assertThat(chain.get(0).getText())
        .contains("watch timed out after 30s", "Watcher.java:88", "phase");
    assertThat(chain.get(1).getText())
        .contains("java.io.IOException", "connection reset", "SocketInput.java:211");
    browser.screenshot("error-detail", BrowserSession.LAPTOP);
  }

  /** The API answers 404 for a fingerprint without reports in the range; the page tells it, with the way back. */
  @Test
  void anErrorWithoutReportsInTheRangeIsToldAsNotFoundWithTheWayBack() {
    for (String path : new String[] {
        "/errors/" + KnownDataSet.TIMEOUT_FINGERPRINT + "?from=2026-01-01&to=2026-01-05",
        "/errors/0000000000000000?from=" + KnownDataSet.FIRST_DAY + "&to=" + KnownDataSet.LAST_DAY}) {
      BrowserSession browser = session.browser();
      List<String> logged = browser.openPageLoggingErrors(path);

      assertThat(logged).as(path).singleElement().asString().contains("404");
      assertThat(browser.text(By.cssSelector("h1"))).as(path).isEqualTo("Error not found");
      assertThat(browser.text(By.id("error-not-found"))).as(path)
          .isEqualTo("No report of this error in this range: widen the dates, or go back to all errors.");
      assertThat(browser.driver().findElements(By.linkText("← All errors"))).as(path).hasSize(1);
    }
  }

  @Test
  void dateRangeChangesErrorCounts() {
    BrowserSession browser = session.open("/errors");

    browser.applyFilters("2026-10-12", "2026-10-25", null);

    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#errors-table tbody tr"));
    assertThat(rows).extracting(row -> column(row, "count")).containsExactly("1", "1");
  }

  private static String column(WebElement row, String key) {
    return row.findElement(By.cssSelector("td[data-col='" + key + "']")).getText().strip();
  }
}
