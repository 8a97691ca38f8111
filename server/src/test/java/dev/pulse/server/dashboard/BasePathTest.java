package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import dev.pulse.server.http.Bodies;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A server published below a path of a shared host ({@code --base-path /pulse}, behind a reverse
 * proxy) answers under it and at the root, and what it hands to browsers stays under it: redirects,
 * the session cookie, and every link, script and API call of the dashboard.
 */
class BasePathTest {

  private static final String BASE = "/pulse";

  @TempDir Path dataDir;

  @Test
  void endpointsAnswerUnderTheBasePathAndAtTheRoot() {
    try (TestServer server = TestServer.start(dataDir, config -> config.basePath(BASE + "/"))) {
      assertThat(post(server, BASE + "/telemetry/query", Bodies.telemetries(1)).statusCode()).isEqualTo(200);
      assertThat(post(server, "/telemetry/query", Bodies.telemetries(1)).statusCode()).isEqualTo(200);
      assertThat(server.storedCount()).isEqualTo(2);

      assertThat(server.get(BASE + "/healthz", null).statusCode()).isEqualTo(200);
      assertThat(server.get("/healthz", null).statusCode()).isEqualTo(200); // probes reach the pod directly
      assertThat(server.get(BASE + "/api/v1/versions", TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(200);
      // A path that only starts with the same letters is not under the base.
      assertThat(server.get(BASE + "ar/healthz", null).statusCode()).isEqualTo(404);
      // A 404 names the path as the client sent it, base and all.
      HttpResponse<String> missing = server.get(BASE + "/nope", null);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("no such resource: GET " + BASE + "/nope\"");
      // A mistyped path is told with the one meant, as the client sends it.
      assertThat(server.get(BASE + "/api/v1/versons", TestServer.ADMIN_TOKEN).body())
          .contains("no such resource: GET " + BASE + "/api/v1/versons (did you mean " + BASE + "/api/v1/versions?)");
      HttpResponse<String> page = server.send(HttpRequest.newBuilder(server.uri(BASE + "/nope"))
          .header("Accept", "text/html").GET().build());
      assertThat(page.statusCode()).isEqualTo(404);
      assertThat(page.body()).contains(BASE + "/nope");
    }
  }

  @Test
  void signInRedirectsAndTheSessionCookieStayUnderTheBasePath() {
    try (TestServer server = TestServer.start(dataDir, config -> config.basePath(BASE))) {
      HttpResponse<String> page = server.get(BASE + "/errors", null);
      assertThat(page.statusCode()).isEqualTo(303);
      assertThat(page.headers().firstValue("Location")).hasValue(BASE + "/login?next=%2Fpulse%2Ferrors");
      // A proxy that strips the base path: the page the browser asked for is still under it.
      assertThat(server.get("/errors?sort=installs", null).headers().firstValue("Location"))
          .hasValue(BASE + "/login?next=%2Fpulse%2Ferrors%3Fsort%3Dinstalls");

      HttpResponse<String> form = server.get(BASE + "/login", null);
      assertThat(form.body()).contains("<base href=\"" + BASE + "/\">", "action=\"login\"");

      HttpResponse<String> signIn = post(server, BASE + "/login", "token=" + TestServer.ADMIN_TOKEN);
      assertThat(signIn.statusCode()).isEqualTo(303);
      assertThat(signIn.headers().firstValue("Location")).hasValue(BASE + "/");
      // Path=/pulse/: other applications on the same host never receive the session.
      assertThat(signIn.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Path=" + BASE + "/;");
    }
  }

  @Test
  void dashboardLoadsEverythingFromUnderTheBasePath(@TempDir Path profile) {
    Chromium.requireInstalled();
    try (TestServer server = TestServer.start(dataDir, config -> config.basePath(BASE))) {
      String root = "http://localhost:" + server.server().port() + BASE + "/";
      ChromeDriver browser = Chromium.start(profile);
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(root + "login");
        browser.findElement(By.id("token")).sendKeys(TestServer.ADMIN_TOKEN);
        browser.findElement(By.id("signin-submit")).click();
        wait.until(d -> d.getCurrentUrl().equals(root));
        awaitReady(browser, wait);
        // The first-run panel tells components the address they reach this server at.
        assertThat(browser.findElement(By.id("api-address-setting")).getText())
            .isEqualTo("OTTERIZE_API_ADDRESS=" + root.substring(0, root.length() - 1));
        assertThat(loadedUrls(browser)).isNotEmpty().allMatch(url -> url.startsWith(root));

        assertThat(post(server, BASE + "/telemetry/query", Bodies.telemetries(1)).statusCode()).isEqualTo(200);
        browser.findElement(By.cssSelector("nav a[data-page=errors]")).click();
        wait.until(d -> URI.create(d.getCurrentUrl()).getPath().equals(BASE + "/errors"));
        awaitReady(browser, wait);
        assertThat(loadedUrls(browser)).anyMatch(url -> url.startsWith(root + "api/v1/"))
            .allMatch(url -> url.startsWith(root));
      } finally {
        browser.quit();
      }
    }
  }

  private static void awaitReady(ChromeDriver browser, WebDriverWait wait) {
    wait.until(d -> List.of("ready", "error").contains(d.findElement(By.id("page")).getAttribute("data-state")));
    assertThat(browser.findElement(By.id("page")).getAttribute("data-state"))
        .as(browser.findElement(By.id("page")).getText())
        .isEqualTo("ready");
  }

  // Every script, style sheet, module and API call the current page fetched.
  @SuppressWarnings("unchecked")
  private static List<String> loadedUrls(ChromeDriver browser) {
    return (List<String>) browser.executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name);");
  }

  private static HttpResponse<String> post(TestServer server, String path, String body) {
    String type = body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
    return server.send(HttpRequest.newBuilder(server.uri(path))
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build());
  }
}
