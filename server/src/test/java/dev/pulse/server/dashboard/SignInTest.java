package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/** Signing in and out of the dashboard in a real browser. */
class SignInTest {

  private static DashboardTestServer server;
  private static BrowserSession browser;

  @BeforeAll
  static void start() {
    Chromium.requireInstalled();
    server = DashboardTestServer.start(KnownDataSet.build());
    browser = BrowserSession.open(server);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void wrongTokenIsRefused() {
    browser.driver().manage().deleteAllCookies();
    browser.signIn("not-the-token");

    assertThat(browser.hasSignInError()).isTrue();
    // On localhost the token does not cross a network, so no plain-HTTP warning.
    assertThat(browser.driver().findElement(By.id("plain-http")).isDisplayed()).isFalse();
    assertThat(browser.text(By.id("signin-error"))).contains("not a token of this server");
    assertThat(browser.driver().manage().getCookieNamed(SessionCookie.NAME)).isNull();
    browser.screenshot("signin-wrong-token", BrowserSession.LAPTOP);
  }

  @Test
  void aRefusedSignInIsLegibleInTheLightAndTheDarkScheme() {
    for (String scheme : new String[] {"light", "dark"}) {
      ContrastProbe.prefer(browser, scheme);
      browser.driver().manage().deleteAllCookies();
      browser.signIn("not-the-token");

      assertThat(browser.hasSignInError()).isTrue();
      assertThat(ContrastProbe.problems(browser)).as(scheme).isEmpty();
      browser.screenshot("signin-wrong-token-" + scheme, BrowserSession.LAPTOP);
    }
    ContrastProbe.reset(browser);
  }

  @Test
  void signInOpensTheOverviewWithAnHttpOnlyStrictCookie() {
    browser.driver().manage().deleteAllCookies();
    browser.signIn(DashboardTestServer.ADMIN_TOKEN);
    browser.awaitRendered();

    assertThat(browser.text(By.tagName("h1"))).isEqualTo("Overview");
    assertThat(browser.driver().getCurrentUrl()).doesNotContain(DashboardTestServer.ADMIN_TOKEN);
    Cookie cookie = browser.driver().manage().getCookieNamed(SessionCookie.NAME);
    // Plain HTTP: Secure would be dropped by browsers anywhere but here (PlainHttpSignInTest).
    assertThat(cookie.isSecure()).isFalse();
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Strict");
    Object stored =
        browser.driver().executeScript("return JSON.stringify(localStorage) + document.cookie");
    assertThat(String.valueOf(stored))
        .doesNotContain(DashboardTestServer.ADMIN_TOKEN)
        .doesNotContain(cookie.getValue());
  }

  @Test
  void signOutEndsTheSession() {
    browser.driver().manage().deleteAllCookies();
    browser.signIn(DashboardTestServer.ADMIN_TOKEN);
    browser.awaitRendered();
    String session = browser.driver().manage().getCookieNamed(SessionCookie.NAME).getValue();

    browser.driver().findElement(By.cssSelector(".signout button")).click();
    browser.waiting().until(d -> d.getCurrentUrl().endsWith("/login?session=signed-out"));
    assertThat(browser.text(By.cssSelector("main"))).contains("You have signed out.");

    assertThat(server.sessions().isValid(session)).isFalse();
    browser.driver().get(server.url("/features"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/login?next=%2Ffeatures");
  }

  @Test
  void aSharedLinkOpenedSignedOutLandsOnItsPageAfterSignIn() {
    browser.driver().manage().deleteAllCookies();
    String deep = "/errors?from=2026-10-06&to=2026-10-20&component=NETWORK_MAPPER&sort=installs";
    browser.driver().get(server.url(deep));
    browser.waiting().until(d -> d.getCurrentUrl().contains("/login?next="));
    signInHere();

    assertThat(browser.driver().getCurrentUrl()).isEqualTo(server.url(deep));
    assertThat(browser.driver().findElement(By.name("from")).getAttribute("value")).isEqualTo("2026-10-06");
    assertThat(browser.driver().findElement(By.name("component")).getAttribute("value"))
        .isEqualTo("NETWORK_MAPPER");
  }

  @Test
  void aSessionEndingUnderAnOpenPageSaysSoAndLeadsBackToIt() {
    browser.driver().manage().deleteAllCookies();
    browser.signIn(DashboardTestServer.ADMIN_TOKEN);
    String page = "/releases?from=2026-10-06&to=2026-10-20";
    browser.openPage(page);
    server.sessions().end(browser.driver().manage().getCookieNamed(SessionCookie.NAME).getValue());
    // The page's next request is answered 401, as after the session's 12 hours.
    browser.driver().executeScript("import('./dashboard/api.js').then(api => api.fetchRows('versions',"
        + " {from: '2026-10-06', to: '2026-10-20'})).catch(() => {})");
    browser.waiting().until(d -> !d.findElements(By.id("signin-notice")).isEmpty());

    assertThat(browser.text(By.id("signin-notice"))).contains("session has ended");
    signInHere();
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(server.url(page));
  }

  private void signInHere() {
    browser.consoleErrors(); // the 401s that led here
    browser.driver().findElement(By.id("token")).sendKeys(DashboardTestServer.ADMIN_TOKEN);
    browser.driver().findElement(By.id("signin-submit")).click();
    browser.awaitRendered();
  }
}
