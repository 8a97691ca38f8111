package dev.pulse.server.dashboard;

import dev.pulse.schema.ComponentType;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The HTML every dashboard page starts from: header, navigation, filters and an empty main area
 * that {@code app.js} fills from the analytics API. Built once at start-up.
 */
final class PageShell {

  private final String html;

  PageShell() {
    String options =
        Arrays.stream(ComponentType.values())
            .map(type -> "<option value=\"" + type.name() + "\">" + label(type) + "</option>")
            .collect(Collectors.joining("\n          "));
    this.html =
        Templates.read("shell.html")
            .replace("{{uplotVersion}}", Templates.uplotVersion())
            .replace("<!--component-options-->", options);
  }

  String html() {
    return html;
  }

  private static String label(ComponentType type) {
    String words = type.name().toLowerCase().replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
