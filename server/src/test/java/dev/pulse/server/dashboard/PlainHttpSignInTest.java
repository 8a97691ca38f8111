package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Signing in over plain HTTP under a host name that is not {@code localhost}, as on a LAN host or
 * behind an Ingress without TLS. Chromium treats {@code localhost} as a secure origin and keeps a
 * Secure cookie there, so only another name shows whether the cookie survives plain HTTP.
 */
class PlainHttpSignInTest {

  /** Mapped to 127.0.0.1 inside the browser (see {@link BrowserSession#open(DashboardTestServer, String)}). */
  private static final String LAN_HOST = "pulse.test";

  private static DashboardTestServer server;
  private static BrowserSession browser;

  @BeforeAll
  static void start() {
    Chromium.requireInstalled();
    server = DashboardTestServer.start(KnownDataSet.build());
    browser = BrowserSession.open(server, LAN_HOST);
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
  void rightTokenOverPlainHttpOnALanHostNameLandsOnTheDashboard() {
    browser.driver().manage().deleteAllCookies();
    browser.driver().get(browser.url("/login"));
    assertThat(browser.driver().findElement(By.id("plain-http")).isDisplayed()).isTrue();

    browser.signIn(DashboardTestServer.ADMIN_TOKEN);
    browser.awaitRendered();

    assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/"));
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("Overview");
    Cookie cookie = browser.driver().manage().getCookieNamed(SessionCookie.NAME);
    assertThat(cookie).isNotNull();
    assertThat(cookie.isSecure()).isFalse();
    assertThat(cookie.isHttpOnly()).isTrue();
    // The session holds: another page opens without a detour through /login.
    browser.openPage("/features");
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(browser.url("/features"));
  }
}
