package dev.pulse.server.dashboard;

import dev.pulse.server.store.EventStore;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that starts a dashboard server with a data set (the {@link KnownDataSet} unless
 * given another) and a browser signed in to it, once per test class; the browser is one of the run's
 * {@link BrowserPool}.
 */
final class SignedInBrowser implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<Consumer<EventStore>> data;
  private final Clock clock;
  private DashboardTestServer server;
  private BrowserSession browser;

  /** A server with the {@link KnownDataSet}. */
  SignedInBrowser() {
    this(() -> store -> store.append(KnownDataSet.build()));
  }

  /** A server whose store {@code data} fills, called once the class's tests are about to run. */
  SignedInBrowser(Supplier<Consumer<EventStore>> data) {
    this(data, Clock.systemUTC());
  }

  /** As {@link #SignedInBrowser(Supplier)}, on a server whose clock is {@code clock}. */
  SignedInBrowser(Supplier<Consumer<EventStore>> data, Clock clock) {
    this.data = data;
    this.clock = clock;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Chromium.requireInstalled();
    server = DashboardTestServer.start(data.get(), clock);
    browser = BrowserSession.borrow(BrowserPool.of(context), server);
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

  DashboardTestServer server() {
    return server;
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
