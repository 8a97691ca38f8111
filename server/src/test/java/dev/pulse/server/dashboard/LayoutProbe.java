package dev.pulse.server.dashboard;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;

/**
 * Measures, in the page, what a reader cannot see: a card or table wider than the box that shows it
 * (its content cut or behind a sideways scroll), and a value, figure or name lying outside its card.
 * Folded content ({@code <details>} closed) is not measured: a reader opens it on purpose.
 */
final class LayoutProbe {

  /** The probes' test of whether an element is shown at all (laid out, not hidden). */
  static final String VISIBLE =
      "const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';\n";

  private static final String SCRIPT = VISIBLE
      + """
      const problems = [];
      const name = (el) => el.id ? '#' + el.id : (el.tagName.toLowerCase() + '.' + [...el.classList].join('.')
          + (el.closest('[id]') ? ' in #' + el.closest('[id]').id : ''));
      if (document.documentElement.scrollWidth > window.innerWidth + 1) {
        problems.push('the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window');
      }
      for (const el of document.querySelectorAll('main, main .card, main .table-wrap, main .kpis, main .facts, main .grid')) {
        if (!visible(el) || el.closest('details:not([open])')) continue;
        if (el.scrollWidth > el.clientWidth + 1) {
          problems.push(name(el) + ' overflows: ' + el.scrollWidth + ' px of content in ' + el.clientWidth + ' px');
        }
      }
      const values = 'main td, main th, main td code, main .bar-value, main [data-fact], main .kpi-value, main pre, main code';
      for (const el of document.querySelectorAll(values)) {
        if (!visible(el) || el.closest('details:not([open])')) continue;
        const box = el.closest('.card, .fact, .kpi');
        if (!box) continue;
        const r = el.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1) {
          problems.push('"' + el.textContent.trim().slice(0, 40) + '" (' + name(el) + ') lies outside its card: '
              + Math.round(r.left) + '..' + Math.round(r.right) + ' vs ' + Math.round(b.left) + '..' + Math.round(b.right));
        }
      }
      return problems.slice(0, 15);
      """;

  private LayoutProbe() {}

  /** The problems found on the current page, at most 15, each in words. */
  @SuppressWarnings("unchecked")
  static List<String> problems(BrowserSession browser) {
    return (List<String>) browser.driver().executeScript(SCRIPT);
  }

  /**
   * Lays the page out at {@code size}; a width under 600 px is emulated as a phone. Returns once the
   * page has rendered two frames at that size: a chart takes its new width in its ResizeObserver,
   * which runs in the next frame, so a layout read at once could still see it at the old width.
   */
  static void resize(BrowserSession browser, Dimension size) {
    browser
        .driver()
        .executeCdpCommand(
            "Emulation.setDeviceMetricsOverride",
            Map.of(
                "width", size.width,
                "height", size.height,
                "deviceScaleFactor", 1,
                "mobile", size.width < 600));
    browser.driver().executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "requestAnimationFrame(() => requestAnimationFrame(() => done()));");
  }

  static void reset(BrowserSession browser) {
    browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }
}
