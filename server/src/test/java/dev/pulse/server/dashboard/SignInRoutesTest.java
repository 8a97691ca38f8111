package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign-in, sign-out and session auth over plain HTTP, where status codes and headers show. */
class SignInRoutesTest {

  private static DashboardTestServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = DashboardTestServer.start(KnownDataSet.build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void wrongTokenGets401AndTheSignInPageAgain() throws Exception {
    HttpResponse<String> response = postLogin("token=wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("id=\"signin-error\"").contains("name=\"token\"");
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void rightTokenOverPlainHttpSetsAnHttpOnlyStrictSessionCookieWithoutSecure() throws Exception {
    HttpResponse<String> response = postLogin("token=" + DashboardTestServer.ADMIN_TOKEN);

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/");
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith(SessionCookie.NAME + "=")
        .contains("; Path=/", "; HttpOnly", "; SameSite=Strict")
        .doesNotContain("Secure")
        .doesNotContain(DashboardTestServer.ADMIN_TOKEN);
    assertThat(server.sessions().isValid(sessionOf(cookie))).isTrue();
  }

  @Test
  void rightTokenThroughAnHttpsProxySetsASecureCookie() throws Exception {
    for (String proto : new String[] {"https", "HTTPS", "https, http"}) {
      HttpResponse<String> response =
          postLogin("token=" + DashboardTestServer.ADMIN_TOKEN, "X-Forwarded-Proto", proto);

      assertThat(response.statusCode()).as(proto).isEqualTo(303);
      assertThat(response.headers().firstValue("Set-Cookie").orElseThrow())
          .as(proto)
          .contains("; Secure; HttpOnly; SameSite=Strict");
    }
    assertThat(
            postLogin("token=" + DashboardTestServer.ADMIN_TOKEN, "X-Forwarded-Proto", "http")
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow())
        .doesNotContain("Secure");
  }

  @Test
  void pagesRedirectToSignInWithoutASession() throws Exception {
    for (String page :
        new String[] {"/", "/features", "/cli", "/errors", "/errors/abc", "/retention"}) {
      HttpResponse<String> response = get(page, null);

      assertThat(response.statusCode()).as(page).isEqualTo(303);
      assertThat(response.headers().firstValue("Location"))
          .as(page)
          .hasValue(page.equals("/") ? "/login" : "/login?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aSignInLeadsToTheSameSitePageItWasAskedForAndNowhereElse() throws Exception {
    String deep = "/errors?from=2026-10-05&to=2026-10-25&component=NODE_AGENT&sort=installs";
    assertThat(get(deep, null).headers().firstValue("Location"))
        .hasValue("/login?next=" + URLEncoder.encode(deep, StandardCharsets.UTF_8));
    assertThat(get("/login?next=" + URLEncoder.encode(deep, StandardCharsets.UTF_8), null).body())
        .contains("name=\"next\" value=\"" + deep.replace("&", "&amp;") + "\"");
    assertThat(signInTo(deep)).isEqualTo(deep);
    for (String elsewhere :
        new String[] {"//evil.example/", "https://evil.example/", "/\\evil", "/x\r\nSet-Cookie: a=b",
            "evil", "", "/\tx", "/caf\u00e9"}) {
      assertThat(signInTo(elsewhere)).as(elsewhere).isEqualTo("/");
      assertThat(get("/login?next=" + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8), null).body())
          .as(elsewhere)
          .doesNotContain("name=\"next\"");
    }
  }

  private String signInTo(String next) throws Exception {
    HttpResponse<String> response = postLogin("token=" + DashboardTestServer.ADMIN_TOKEN
        + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(next).isEqualTo(303);
    return response.headers().firstValue("Location").orElseThrow();
  }

  @Test
  void sessionCookieReadsTheApiButCannotWrite() throws Exception {
    String cookie =
        sessionOf(
            postLogin("token=" + DashboardTestServer.ADMIN_TOKEN)
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow());

    HttpResponse<String> read =
        get("/api/v1/active-installs?from=2026-10-05&to=2026-10-25", cookie);
    HttpResponse<String> write =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url("/api/v1/import?kind=events")))
                .header("Cookie", SessionCookie.NAME + "=" + cookie)
                .POST(HttpRequest.BodyPublishers.ofString(""))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(write.statusCode()).isEqualTo(401);
    assertThat(get("/api/v1/active-installs", "forged-session-id").statusCode()).isEqualTo(401);
  }

  @Test
  void bearerTokenStillReadsTheApiWithoutASession() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server.url("/api/v1/errors?from=2026-10-05&to=2026-10-25")))
                .header("Authorization", "Bearer " + DashboardTestServer.ADMIN_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(KnownDataSet.TIMEOUT_FINGERPRINT);
  }

  @Test
  void signOutEndsTheSessionAndClearsTheCookie() throws Exception {
    String cookie =
        sessionOf(
            postLogin("token=" + DashboardTestServer.ADMIN_TOKEN)
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow());

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url("/logout")))
                .header("Cookie", SessionCookie.NAME + "=" + cookie)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(server.sessions().isValid(cookie)).isFalse();
    String signInPage = response.headers().firstValue("Location").orElseThrow();
    assertThat(get(signInPage, null).body()).contains("You have signed out.").contains("name=\"token\"");
  }

  @Test
  void chartLibraryIsServedFromItsWebJar() throws Exception {
    HttpResponse<String> module = get("/dashboard/lib/uplot.js", null);
    String target = module.body().replaceAll(".*from \"([^\"]+)\".*\\s*", "$1");

    // Relative to the module, so it holds under a base path too.
    String resolved = URI.create(server.url("/dashboard/lib/uplot.js")).resolve(target).getPath();
    assertThat(module.statusCode()).isEqualTo(200);
    assertThat(target).startsWith("../../webjars/uplot/");
    assertThat(get(resolved, null).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> postLogin(String form, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url("/login")))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String session)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)));
    if (session != null) {
      request.header("Cookie", SessionCookie.NAME + "=" + session);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sessionOf(String setCookie) {
    return setCookie.substring(SessionCookie.NAME.length() + 1, setCookie.indexOf(';'));
  }
}
