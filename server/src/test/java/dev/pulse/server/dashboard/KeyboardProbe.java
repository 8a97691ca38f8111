package dev.pulse.server.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * Measures, in the page, what a reader without a mouse cannot do: reach something that looks
 * clickable (the pointer cursor) with the Tab key, know what a control is (its accessible name, as
 * Chromium's accessibility tree gives it to a screen reader), and see where the focus is.
 */
final class KeyboardProbe {

  /** The roles of what a reader operates; each needs a name. */
  private static final Set<String> CONTROLS = Set.of("button", "link", "textbox", "combobox", "checkbox",
      "radio", "searchbox", "spinbutton", "slider", "switch", "tab", "menuitem", "DisclosureTriangle", "date");

  private static final String DESCRIBE =
      """
      const describe = (el) => (el.id ? '#' + el.id : el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join(''))
          + ' "' + el.textContent.trim().slice(0, 30) + '"';
      """;

  private static final String UNREACHABLE = DESCRIBE + LayoutProbe.VISIBLE
      + """
      const operable = (e) => !e.disabled && e.tabIndex >= 0
          && (e.hasAttribute('tabindex') || e.matches('a[href], button, input, select, textarea, summary'));
      const reachable = (el) => { for (let e = el; e; e = e.parentElement) if (operable(e)) return true; return false; };
      const problems = [];
      for (const el of document.body.querySelectorAll('*')) {
        if (!visible(el) || getComputedStyle(el).cursor !== 'pointer') continue;
        if (el.parentElement && getComputedStyle(el.parentElement).cursor === 'pointer') continue;
        if (!reachable(el)) problems.push(describe(el) + ' looks clickable (pointer cursor) but no key reaches it');
      }
      return [...new Set(problems)].slice(0, 15);
      """;

  private static final String FOCUSED = DESCRIBE
      + """
      const el = document.activeElement;
      if (el && el === window.probeLastFocused) return ''; // the Tab key moved inside it (a date's fields)
      if (!el || el === document.body || el.dataset.probeFocused) return 'END';
      window.probeLastFocused = el;
      el.dataset.probeFocused = 'yes';
      const s = getComputedStyle(el);
      const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      return ring || s.boxShadow !== 'none' ? '' : describe(el) + ' shows nothing when the focus is on it';
      """;

  private KeyboardProbe() {}

  /** What looks clickable but cannot be reached by keyboard, and controls without a name. */
  @SuppressWarnings("unchecked")
  static List<String> problems(BrowserSession browser) {
    List<String> problems = new ArrayList<>((List<String>) browser.driver().executeScript(UNREACHABLE));
    Map<String, Object> tree = browser.driver().executeCdpCommand("Accessibility.getFullAXTree", Map.of());
    for (Map<String, Object> node : (List<Map<String, Object>>) tree.get("nodes")) {
      if (Boolean.TRUE.equals(node.get("ignored"))) {
        continue;
      }
      String role = value(node.get("role"));
      if (CONTROLS.contains(role) && value(node.get("name")).isBlank()) {
        problems.add("a " + role + " without a name (node " + node.get("backendDOMNodeId") + ")");
      }
    }
    return problems;
  }

  /**
   * Presses Tab through the page, at most {@code stops} times, from its start: each place the focus
   * lands that shows no focus ring or shadow.
   */
  static List<String> unmarkedFocus(BrowserSession browser, int stops) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < stops; i++) {
      new Actions(browser.driver()).sendKeys(Keys.TAB).perform(); // an Actions is spent once performed
      String found = (String) browser.driver().executeScript(FOCUSED);
      if (found.equals("END")) {
        return problems;
      }
      if (!found.isEmpty()) {
        problems.add(found);
      }
    }
    return problems;
  }


  @SuppressWarnings("unchecked")
  private static String value(Object property) {
    return property instanceof Map<?, ?> map && map.get("value") != null ? String.valueOf(map.get("value")) : "";
  }
}
