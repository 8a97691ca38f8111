package dev.pulse.server.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

/**
 * Headless Chromiums kept open from one test class to the next, for the whole test run: starting one
 * costs two to three seconds of both cores, and most dashboard classes need one. A browser given back
 * is returned to a blank state first (no page, no cookies, no cache, no emulated size, scheme or
 * network, no logged messages), so that no class sees what the one before it did; one that cannot be
 * returned to it is quit. JUnit closes the pool, quitting every browser, when the run ends.
 */
final class BrowserPool implements AutoCloseable {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserPool.class);

  private final Deque<Browser> idle = new ArrayDeque<>();
  private final List<Browser> started = new ArrayList<>();

  /** A pooled browser: its driver and the profile directory it was started with. */
  record Browser(ChromeDriver driver, Path profile) {}

  /** The test run's pool, made on first use. */
  static BrowserPool of(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(BrowserPool.class, key -> new BrowserPool(), BrowserPool.class);
  }

  /** An idle browser, or a newly started one. */
  synchronized Browser take() {
    Browser browser = idle.poll();
    if (browser != null) {
      return browser;
    }
    try {
      Path profile = Files.createTempDirectory("pulse-chromium-");
      browser = new Browser(Chromium.start(profile), profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    started.add(browser);
    return browser;
  }

  /** Takes {@code browser} back for the next class, blank again, or quits it if it cannot be made blank. */
  void giveBack(Browser browser) {
    try {
      blank(browser.driver());
    } catch (WebDriverException e) {
      synchronized (this) {
        started.remove(browser);
      }
      quit(browser);
      return;
    }
    synchronized (this) {
      idle.push(browser);
    }
  }

  private static void blank(ChromeDriver driver) {
    List<String> windows = new ArrayList<>(driver.getWindowHandles());
    for (String extra : windows.subList(1, windows.size())) {
      driver.switchTo().window(extra).close();
    }
    driver.switchTo().window(windows.get(0));
    driver.get("about:blank");
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "", "features", List.of()));
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions",
        Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    driver.executeCdpCommand("Network.disable", Map.of());
    driver.manage().logs().get(LogType.BROWSER); // taken, so the next class reads only its own
  }

  @Override
  public synchronized void close() {
    started.forEach(BrowserPool::quit);
    started.clear();
    idle.clear();
  }

  private static void quit(Browser browser) {
    try {
      browser.driver().quit();
    } catch (WebDriverException e) {
      // Already gone: its profile is removed all the same.
    }
    try (Stream<Path> files = Files.walk(browser.profile())) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary profile is harmless.
    }
  }
}
