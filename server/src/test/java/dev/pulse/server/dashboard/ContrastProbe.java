package dev.pulse.server.dashboard;

import java.util.List;
import java.util.Map;

/**
 * Measures, in the page, what a reader may not make out: every visible piece of text (and every
 * field's value) whose colour against what lies behind it falls under WCAG's AA contrast, 4.5:1, or
 * 3:1 for large text; and every chart series, by its legend's marker, whose colour stands less than
 * 3:1 from its card (WCAG's contrast for graphics). The background is found by walking up to the
 * first opaque one and blending the translucent ones over it. Folded content ({@code <details>}
 * closed) is not measured.
 */
final class ContrastProbe {

  private static final String SCRIPT = LayoutProbe.VISIBLE
      + """
      const rgba = (c) => {
        const m = c.match(/^rgba?\\(([^)]+)\\)$/);
        if (!m) return null;
        const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
      };
      const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3])).concat(1);
      const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
          const c = rgba(getComputedStyle(e).backgroundColor);
          if (c && c[3] > 0) layers.push(c);
          if (c && c[3] >= 1) break;
        }
        let colour = [255, 255, 255, 1];
        for (const layer of layers.reverse()) colour = over(layer, colour);
        return colour;
      };
      const luminance = (c) => {
        const [r, g, b] = c.slice(0, 3).map((v) => {
          v /= 255;
          return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a, b) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
      const problems = [];
      for (const el of document.body.querySelectorAll('*')) {
        const field = el.matches('input:not([type=hidden]), select');
        if (!(field || ownText(el)) || !visible(el) || el.closest('details:not([open]), option, script, style')) continue;
        const style = getComputedStyle(el);
        const bg = background(el);
        const fg = over(rgba(style.color), bg);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const needed = large ? 3 : 4.5;
        const r = ratio(fg, bg);
        if (r < needed) {
          const text = field ? (el.value || el.tagName.toLowerCase()) : el.textContent.trim();
          const where = el.id ? '#' + el.id : el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('');
          problems.push('"' + text.slice(0, 30) + '" (' + where + '): ' + r.toFixed(2) + ':1, ' + style.color
              + ' on rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + '), needs ' + needed + ':1');
        }
      }
      // A chart's series (its line and its legend's marker, one colour) stands 3:1 from the card.
      for (const marker of document.querySelectorAll('.u-legend .u-marker')) {
        if (!visible(marker) || marker.closest('details:not([open])')) continue;
        const bg = background(marker.closest('.card') || marker);
        const line = over(rgba(getComputedStyle(marker).borderTopColor), bg);
        const r = ratio(line, bg);
        if (r < 3) {
          const label = marker.closest('.u-series').textContent.trim();
          problems.push('series "' + label + '": ' + r.toFixed(2) + ':1, ' + getComputedStyle(marker).borderTopColor
              + ' on rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + '), needs 3:1');
        }
      }
      return [...new Set(problems)].slice(0, 15);
      """;

  private ContrastProbe() {}

  /** The text on the current page too faint to read, at most 15, each in words. */
  @SuppressWarnings("unchecked")
  static List<String> problems(BrowserSession browser) {
    return (List<String>) browser.driver().executeScript(SCRIPT);
  }

  /** Makes the page's {@code prefers-color-scheme} match {@code scheme} ("light" or "dark"). */
  static void prefer(BrowserSession browser, String scheme) {
    browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /** Back to the browser's own scheme. */
  static void reset(BrowserSession browser) {
    browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
  }
}
