package dev.pulse.server.dashboard;

import org.openqa.selenium.Dimension;

/** Checks how a page lays out at a given viewport size (a phone width is emulated as a phone). */
final class Viewport {

  private Viewport() {}

  /**
   * How many CSS pixels the widest of {@code selectors} (or the page itself) sticks out of its box
   * at {@code size}: 0 when everything fits without a horizontal scroll.
   */
  static long overflow(BrowserSession browser, Dimension size, String selector) {
    LayoutProbe.resize(browser, size);
    try {
      // Layout is synchronous on reading these sizes; charts resize later but never widen a page.
      Number pixels =
          (Number)
              browser
                  .driver()
                  .executeScript(
                      "const els = [document.documentElement, ...document.querySelectorAll(arguments[0])];"
                          + "return Math.max(...els.map(e => e.scrollWidth - e.clientWidth));",
                      selector);
      return pixels.longValue();
    } finally {
      LayoutProbe.reset(browser);
    }
  }
}
