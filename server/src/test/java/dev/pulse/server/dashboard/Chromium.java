package dev.pulse.server.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through Debian's chromedriver. Both paths are set explicitly so
 * that Selenium Manager never runs (it would try to download a browser or driver).
 *
 * <p>Without them the browser tests are skipped, except under {@code CI=true}, where a missing
 * browser is a broken CI image and fails the build.
 */
final class Chromium {

  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path BROWSER = Path.of("/usr/bin/chromium");

  private Chromium() {}

  static void requireInstalled() {
    if (Files.isExecutable(DRIVER) && Files.isExecutable(BROWSER)) {
      return;
    }
    String message =
        "browser tests need "
            + BROWSER
            + " and "
            + DRIVER
            + ": apt-get install -y chromium chromium-driver";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }

  /** A headless Chromium with its profile in {@code userDataDir}, plus {@code extraArguments}. */
  static ChromeDriver start(Path userDataDir, String... extraArguments) {
    requireInstalled();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + userDataDir.toAbsolutePath(),
        "--window-size=1366,900");
    options.addArguments(extraArguments);
    // Console errors (script failures, CSP violations) are read back by BrowserSession.
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    return new ChromeDriver(service, options);
  }
}
