package dev.pulse.server.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One headless Chromium pointed at a {@link DashboardTestServer}, with the steps tests share. */
final class BrowserSession implements AutoCloseable {

  static final Dimension LAPTOP = new Dimension(1366, 900);
  static final Dimension PHONE = new Dimension(390, 844);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final DashboardTestServer server;
  private final String host;
  /** What closing does: quit the browser, or give it back to its pool. */
  private final Runnable end;

  private BrowserSession(ChromeDriver driver, DashboardTestServer server, String host, Runnable end) {
    this.driver = driver;
    this.server = server;
    this.host = host;
    this.end = end;
  }

  /** A browser of {@code pool} pointed at {@code server} as localhost; closing gives it back. */
  static BrowserSession borrow(BrowserPool pool, DashboardTestServer server) {
    BrowserPool.Browser browser = pool.take();
    return new BrowserSession(browser.driver(), server, "localhost", () -> pool.giveBack(browser));
  }

  static BrowserSession open(DashboardTestServer server) {
    return open(server, "localhost");
  }

  /**
   * A browser that reaches the server as {@code http://HOST:port}; a host other than {@code
   * localhost} is mapped to 127.0.0.1 inside the browser, so no resolver is touched and Chromium
   * treats the origin as the remote, insecure one it would be on a LAN.
   */
  static BrowserSession open(DashboardTestServer server, String host) {
    Chromium.requireInstalled();
    String[] mapping =
        host.equals("localhost")
            ? new String[0]
            : new String[] {"--host-resolver-rules=MAP " + host + " 127.0.0.1"};
    try {
      Path userData = Files.createTempDirectory("pulse-chromium-");
      ChromeDriver driver = Chromium.start(userData, mapping);
      return new BrowserSession(driver, server, host, () -> quit(driver, userData));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of {@code path} as this browser reaches the server. */
  String url(String path) {
    return server.url(host, path);
  }

  ChromeDriver driver() {
    return driver;
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(15));
  }

  void signIn(String token) {
    driver.get(url("/login"));
    consoleErrors();
    WebElement field = driver.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.id("signin-submit")).click();
    waiting().until(d -> !d.getCurrentUrl().equals(url("/login")) || hasSignInError());
  }

  boolean hasSignInError() {
    return !driver.findElements(By.id("signin-error")).isEmpty();
  }

  /** Opens a page with a query and waits until it has rendered from the API. */
  void openPage(String pathAndQuery) {
    consoleErrors();
    driver.get(url(pathAndQuery));
    awaitRendered();
  }

  /**
   * Opens a page that is expected to log errors (a request the API answers 404): waits until it has
   * rendered and returns what it logged, for the test to check.
   */
  List<String> openPageLoggingErrors(String pathAndQuery) {
    consoleErrors();
    driver.get(url(pathAndQuery));
    awaitReady();
    return consoleErrors();
  }

  void awaitRendered() {
    awaitReady();
    List<String> errors = consoleErrors();
    if (!errors.isEmpty()) {
      throw new AssertionError("the page logged errors: " + errors);
    }
  }

  private void awaitReady() {
    waiting()
        .until(
            ExpectedConditions.attributeToBeNotEmpty(
                driver.findElement(By.id("page")), "data-state"));
    waiting()
        .until(d -> !"loading".equals(d.findElement(By.id("page")).getAttribute("data-state")));
    String state = driver.findElement(By.id("page")).getAttribute("data-state");
    if (!"ready".equals(state)) {
      throw new AssertionError(
          "page did not render: " + driver.findElement(By.id("page")).getText());
    }
  }

  /** Takes the console errors logged since the last call. */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /**
   * Sets the date range and submits the filter form; with a component, choosing it in the select
   * submits the form (pass only a component that differs from the current one).
   */
  void applyFilters(String from, String to, String component) {
    WebElement oldMain = driver.findElement(By.id("page"));
    driver.executeScript(
        "document.getElementById('from').value = arguments[0];"
            + "document.getElementById('to').value = arguments[1];",
        from,
        to);
    if (component == null) {
      driver.findElement(By.id("apply")).click();
    } else {
      new Select(driver.findElement(By.id("component"))).selectByValue(component);
    }
    waiting().until(ExpectedConditions.stalenessOf(oldMain));
    awaitRendered();
  }

  String text(By by) {
    return driver.findElement(by).getText().strip();
  }

  String metric(String name) {
    return text(By.cssSelector("[data-metric='" + name + "']"));
  }

  /**
   * A full-page screenshot at the given viewport width (a phone width is emulated as a mobile
   * device, so the viewport meta tag counts), saved as target/screenshots/NAME.png.
   */
  Path screenshot(String name, Dimension size) {
    boolean mobile = size.width < 600;
    try {
      emulate(size.width, size.height, mobile);
      awaitChartsFitted();
      Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
      emulate(size.width, Math.max(size.height, height.intValue()), mobile);
      awaitChartsFitted();
      Map<String, Object> shot =
          driver.executeCdpCommand(
              "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  private void emulate(int width, int height, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  // Charts follow their container through a ResizeObserver, one frame after a resize.
  private void awaitChartsFitted() {
    waiting()
        .until(
            d ->
                Boolean.TRUE.equals(
                    driver.executeScript(
                        "return [...document.querySelectorAll('.chart')].every(c => { const u ="
                            + " c.querySelector('.uplot'); return !u || Math.abs(u.offsetWidth -"
                            + " Math.max(280, c.clientWidth)) <= 2; })")));
  }

  @Override
  public void close() {
    end.run();
  }

  private static void quit(ChromeDriver driver, Path userDataDir) {
    driver.quit();
    try (Stream<Path> files = Files.walk(userDataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp profile is harmless.
    }
  }
}
