package dev.pulse.server.dashboard;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts a dashboard server with the {@link KnownDataSet} and a browser
 * signed in to it, once per test class.
 */
final class SignedInBrowser implements BeforeAllCallback, AfterAllCallback {

  private DashboardTestServer server;
  private BrowserSession browser;

  @Override
  public void beforeAll(ExtensionContext context) {
    Chromium.requireInstalled();
    server = DashboardTestServer.start(KnownDataSet.build());
    browser = BrowserSession.open(server);
    browser.signIn(DashboardTestServer.ADMIN_TOKEN);
    browser.awaitRendered();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  String url(String pathAndQuery) {
    return server.url(pathAndQuery);
  }

  BrowserSession browser() {
    return browser;
  }

  /** Opens a page on the known data set's full range, optionally filtered by component. */
  BrowserSession open(String path) {
    browser.openPage(path + "?from=" + KnownDataSet.FIRST_DAY + "&to=" + KnownDataSet.LAST_DAY);
    return browser;
  }
}
