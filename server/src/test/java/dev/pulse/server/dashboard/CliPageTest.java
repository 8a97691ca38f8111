package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The CLI page against {@link KnownDataSet}. */
class CliPageTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  @Test
  void showsInvocationsPerCommandAndPerVersion() {
    BrowserSession browser = session.open("/cli");

    assertThat(rows("cli-commands")).containsExactly("intents export 4", "mapper visualize 1");
    assertThat(rows("cli-detail"))
        .containsExactly(
            "intents export format 0.9.0 3 1",
            "intents export format 1.0.0 1 1",
            "mapper visualize — 0.9.0 1 1");
    browser.screenshot("cli", BrowserSession.LAPTOP);
  }

  @Test
  void theComponentFilterIsNotOfferedSinceCliRecordsHaveNoComponent() {
    BrowserSession browser = session.open("/cli");

    assertThat(browser.driver().findElement(By.id("component")).isDisplayed()).isFalse();
    assertThat(browser.driver().findElement(By.id("from")).isDisplayed()).isTrue();
    session.open("/features");
    assertThat(browser.driver().findElement(By.id("component")).isDisplayed()).isTrue();
  }

  @Test
  void dateRangeChangesInvocations() {
    BrowserSession browser = session.open("/cli");

    browser.applyFilters("2026-10-05", "2026-10-07", null);

    assertThat(rows("cli-commands")).containsExactly("intents export 2");
  }

  private static List<String> rows(String tableId) {
    return session
        .browser()
        .driver()
        .findElements(By.cssSelector("#" + tableId + " tbody tr"))
        .stream()
        .map(WebElement::getText)
        .map(text -> text.replaceAll("\\s+", " ").strip())
        .toList();
  }
}
