package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.EventDescriptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** The Features page against {@link KnownDataSet}. */
class FeaturesPageTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  @Test
  void levelsAreADistributionOfPerInstallLevelsNotASum() {
    BrowserSession browser = session.open("/features");

    // Latest levels: b 10 (sent 63 times), c 4, e 20.
    assertThat(cell("features-level", "INTENTS_APPLIED", "installs")).isEqualTo("3");
    assertThat(cell("features-level", "INTENTS_APPLIED", "median")).isEqualTo("10");
    assertThat(cell("features-level", "INTENTS_APPLIED", "max")).isEqualTo("20");
    browser.screenshot("features", BrowserSession.LAPTOP);
  }

  @Test
  void deltasAreTotalsAndHeartbeatsArePresence() {
    session.open("/features");

    assertThat(cell("features-delta", "MAPPER_EXPORT", "total")).isEqualTo("6");
    assertThat(cell("features-delta", "MAPPER_EXPORT", "installs")).isEqualTo("2");
    assertThat(cell("features-heartbeat", "ACTIVE", "installs")).isEqualTo("5");
  }

  @Test
  void eventTypesShowTheCatalogsDescriptionBesideTheirName() {
    session.open("/features");

    Map<String, String> tables =
        Map.of("MAPPER_EXPORT", "features-delta", "INTENTS_APPLIED", "features-level", "ACTIVE", "features-heartbeat");
    tables.forEach(
        (type, table) ->
            assertThat(cell(table, type, "eventType").replaceAll("\\s+", " "))
                .isEqualTo(type + " " + EventDescriptions.of(type).orElseThrow()));
  }

  @Test
  void unusedEventTypesAreListedApart() {
    BrowserSession browser = session.open("/features");

    assertThat(browser.text(By.cssSelector("details.unused summary")))
        .startsWith("Not used in this range");
    assertThat(browser.driver().findElements(By.xpath("//table//code[text()='EBPF_ATTACHED']")))
        .isEmpty();
  }

  @Test
  void componentFilterChangesFeatureUsage() {
    BrowserSession browser = session.open("/features");

    browser.applyFilters("2026-10-05", "2026-10-25", "NETWORK_MAPPER");

    assertThat(cell("features-heartbeat", "ACTIVE", "installs")).isEqualTo("3");
    assertThat(browser.driver().findElements(By.id("features-level"))).isEmpty();
  }

  @Test
  void dateRangeChangesFeatureUsage() {
    BrowserSession browser = session.open("/features");

    browser.applyFilters("2026-10-12", "2026-10-18", null);

    // Week 42: only d exported (1); levels of b only (10).
    assertThat(cell("features-delta", "MAPPER_EXPORT", "total")).isEqualTo("1");
    assertThat(cell("features-level", "INTENTS_APPLIED", "max")).isEqualTo("10");
  }

  static String cell(String tableId, String eventType, String column) {
    return session
        .browser()
        .text(
            By.xpath(
                "//table[@id='"
                    + tableId
                    + "']//tr[td[@data-col='eventType']//code[normalize-space()='"
                    + eventType
                    + "']]/td[@data-col='"
                    + column
                    + "']"));
  }
}
