package dev.pulse.server.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventDescriptions;
import dev.pulse.server.web.BasePath;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The HTML every dashboard page starts from: header, navigation, filters, the event catalog's
 * descriptions (as JSON data) and an empty main area that {@code app.js} fills from the analytics
 * API. Built once at start-up, in a variant per {@link FirstRun.Stage} ({@code data-first-run} on
 * the main area on a first run, where {@code app.js} shows how to send the first event); each page
 * carries the server's today ({@code data-today}), from which the pages count their default range.
 */
final class PageShell {

  private static final String MAIN = "<main id=\"page\"";

  private final String html;
  private final String emptyHtml;
  private final String noComponentHtml;

  PageShell(BasePath base) {
    // CLI records have no component type, so filtering by CLI would show zeros on every page that has
    // the filter (the CLI page hides it): it is not offered.
    String options =
        Arrays.stream(ComponentType.values())
            .filter(type -> type != ComponentType.CLI)
            .map(type -> "<option value=\"" + type.name() + "\">" + label(type) + "</option>")
            .collect(Collectors.joining("\n          "));
    this.html =
        Templates.read("shell.html", base)
            .replace("{{uplotVersion}}", Templates.uplotVersion())
            .replace("<!--component-options-->", options)
            .replace("{{eventDescriptions}}", descriptionsJson());
    this.emptyHtml = html.replace(MAIN, MAIN + " data-first-run=\"empty\"");
    this.noComponentHtml = html.replace(MAIN, MAIN + " data-first-run=\"no-component\"");
  }

  String html(FirstRun.Stage stage, LocalDate today) {
    String page = switch (stage) {
      case EMPTY -> emptyHtml;
      case NO_COMPONENT -> noComponentHtml;
      case DONE -> html;
    };
    return page.replace(MAIN, MAIN + " data-today=\"" + today + "\"");
  }

  private static String label(ComponentType type) {
    String words = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  // Data inside a <script type="application/json"> block: never executed (so the CSP holds), and
  // "<" escaped so that no text can close the block.
  private static String descriptionsJson() {
    try {
      return new ObjectMapper().writeValueAsString(EventDescriptions.all()).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
