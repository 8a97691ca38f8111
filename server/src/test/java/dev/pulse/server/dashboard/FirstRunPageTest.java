package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.CliCommand;
import dev.pulse.schema.CliIdentifier;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A server that has never received a component event shows how to send one instead of zeros; a
 * test event marks the path checked, and the first component event ends it.
 */
class FirstRunPageTest {

  @RegisterExtension
  static final SignedInBrowser dashboard =
      new SignedInBrowser(() -> store -> {});


  @Test
  void anEmptyServerShowsTheSendTestCommandForItsOwnAddress() {
    dashboard.browser().openPage("/");

    String origin = dashboard.server().url("");
    assertThat(dashboard.browser().text(By.id("send-test-command")))
        .isEqualTo("pulse send-test --api-address=" + origin);
    assertThat(dashboard.browser().text(By.id("api-address-setting"))).isEqualTo("OTTERIZE_API_ADDRESS=" + origin);
    assertThat(dashboard.browser().driver().findElements(By.cssSelector(".kpis, .chart"))).isEmpty();
    assertThat(dashboard.browser().driver().findElement(By.id("filters")).isDisplayed()).isFalse();
    dashboard.browser().screenshot("first-run", BrowserSession.LAPTOP);
  }

  @Test
  void everyComponentPageShowsThePanelButCliShowsItsOwnRecords() {
    for (String page : List.of("/features", "/errors", "/retention")) {
      dashboard.browser().openPage(page);
      assertThat(dashboard.browser().driver().findElements(By.id("first-run"))).as(page).hasSize(1);
    }
    dashboard.browser().openPage("/cli");
    assertThat(dashboard.browser().driver().findElements(By.id("first-run"))).isEmpty();
    assertThat(dashboard.browser().text(By.id("cli-first-run"))).startsWith("Nothing has reported to this server yet");
    assertThat(dashboard.browser().text(By.cssSelector("#page pre code")))
        .isEqualTo("pulse send-test --api-address=" + dashboard.server().url(""));
  }

  @Test
  void theDocumentationLinkOpensTheDocument() throws Exception {
    dashboard.browser().openPage("/");
    String href = dashboard.browser().driver().findElement(By.id("first-run-docs")).getAttribute("href");

    HttpResponse<String> doc = get(href);

    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(doc.body()).contains("api-address");
  }

  @Test
  void thePanelIsReadableOnAPhone() {
    LayoutProbe.resize(dashboard.browser(), BrowserSession.PHONE);
    try {
      dashboard.browser().openPage("/");
      assertThat(LayoutProbe.problems(dashboard.browser())).isEmpty();
      assertThat(dashboard.browser().driver().findElement(By.id("send-test-command")).isDisplayed()).isTrue();
      dashboard.browser().screenshot("first-run-phone", BrowserSession.PHONE);
    } finally {
      LayoutProbe.reset(dashboard.browser());
    }
  }

  @Test
  void thePanelIsLegibleInTheLightAndTheDarkScheme() {
    try {
      for (String scheme : List.of("light", "dark")) {
        ContrastProbe.prefer(dashboard.browser(), scheme);
        dashboard.browser().openPage("/");

        assertThat(dashboard.browser().driver().findElements(By.id("first-run"))).hasSize(1);
        assertThat(ContrastProbe.problems(dashboard.browser())).as(scheme).isEmpty();
        dashboard.browser().screenshot("first-run-" + scheme, BrowserSession.LAPTOP);
      }
    } finally {
      ContrastProbe.reset(dashboard.browser());
    }
  }

  @Test
  void aTestEventMarksThePathCheckedAndTheFirstComponentEventEndsTheFirstRun() {
    try (DashboardTestServer other = DashboardTestServer.start(store -> {});
        BrowserSession second = BrowserSession.open(other)) {
      second.signIn(DashboardTestServer.ADMIN_TOKEN);
      second.awaitRendered();
      assertThat(second.driver().findElements(By.id("test-arrived"))).isEmpty();

      // What `pulse send-test` stores: one CLI command record, received now.
      other.append(
          new RecordBatch(
              List.of(),
              List.of(
                  new StoredCliCommand(
                      Instant.now(),
                      new CliIdentifier("1.0.0", "ctx-send-test", ""),
                      new CliCommand("telemetry", "send-test", List.of()))),
              List.of()));
      second.openPage("/");
      assertThat(second.driver().findElements(By.id("first-run"))).hasSize(1);
      assertThat(second.driver().findElements(By.id("test-arrived"))).hasSize(1);

      other.append(KnownDataSet.build());
      second.openPage("/?from=" + KnownDataSet.FIRST_DAY + "&to=" + KnownDataSet.LAST_DAY);

      assertThat(second.driver().findElements(By.id("first-run"))).isEmpty();
      // On the last day a, b and d are active (KnownDataSet).
      assertThat(second.metric("active")).isEqualTo("3");
    }
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
