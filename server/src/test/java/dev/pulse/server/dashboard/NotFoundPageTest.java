package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Unknown paths: a browser gets an HTML "page not found" (404) with links back, from the real server;
 * API clients and API paths keep the JSON error.
 */
class NotFoundPageTest {

  private static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  static TestServer server() {
    return shared.server();
  }

  @Test
  void anUnknownPathAnswersABrowserWithAPageNotFound() {
    for (String path : new String[] {"/nope", "/errors/x/y", "/features/extra"}) {
      HttpResponse<String> page = get(path, BROWSER_ACCEPT);

      assertThat(page.statusCode()).as(path).isEqualTo(404);
      assertThat(page.headers().firstValue("Content-Type")).as(path)
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(page.body()).as(path)
          .contains("<h1>Page not found</h1>", "<code>" + path + "</code>", "<base href=\"/\">", "href=\"errors\"");
      assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
    }
  }

  @Test
  void thePathIsShownAsTextNeverAsMarkup() {
    HttpResponse<String> page = get("/tom&jerry's", BROWSER_ACCEPT);

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).doesNotContain("tom&jerry's").contains("<code>/tom&amp;jerry&#39;s</code>");
  }

  @Test
  void aLongPathIsShownCutAtTwoHundredCharacters() {
    String path = "/" + "a".repeat(299);

    HttpResponse<String> page = get(path, BROWSER_ACCEPT);

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("<code>" + path.substring(0, 200) + "…</code>").doesNotContain(path);
  }

  @Test
  void apiPathsAndApiClientsKeepTheJsonError() {
    HttpResponse<String> api =
        server().send(
            HttpRequest.newBuilder(server().uri("/api/v1/nope"))
                .header("Accept", BROWSER_ACCEPT)
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .build());
    HttpResponse<String> script = get("/nope", "application/json");

    for (HttpResponse<String> answer : new HttpResponse[] {api, script}) {
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(answer.body()).startsWith("{").contains("NOT_FOUND").doesNotContain("<html");
    }
  }

  @Test
  void aBrowserOnTheNotFoundPageCanGoBack() {
    BrowserSession browser = session.browser();
    browser.driver().get(session.url("/errors/x/y"));

    assertThat(browser.text(By.tagName("h1"))).isEqualTo("Page not found");
    assertThat(browser.consoleErrors()).singleElement().asString().contains("404");
    browser.driver().findElement(By.linkText("Overview")).click();
    browser.awaitRendered();
    assertThat(browser.driver().findElements(By.cssSelector("[data-metric='active']"))).hasSize(1);
  }

  private static HttpResponse<String> get(String path, String accept) {
    return server().send(HttpRequest.newBuilder(server().uri(path)).header("Accept", accept).build());
  }
}
