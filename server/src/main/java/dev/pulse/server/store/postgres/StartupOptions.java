package dev.pulse.server.store.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A driver URL split into the URL without its {@code options=} parameter and that parameter's value
 * (the server settings sent in the startup packet). The driver lets a URL's {@code options} replace
 * the ones the store sets, so the store takes them out and sends both, its own last.
 *
 * @param jdbcUrl the URL without {@code options=}
 * @param options the URL's options, decoded; empty when it has none
 */
record StartupOptions(String jdbcUrl, String options) {

  static StartupOptions of(String jdbcUrl) {
    int question = jdbcUrl.indexOf('?');
    if (question < 0) {
      return new StartupOptions(jdbcUrl, "");
    }
    List<String> kept = new ArrayList<>();
    List<String> options = new ArrayList<>();
    for (String pair : jdbcUrl.substring(question + 1).split("&")) {
      if (pair.startsWith("options=")) {
        options.add(URLDecoder.decode(pair.substring("options=".length()), StandardCharsets.UTF_8));
      } else if (!pair.isEmpty()) {
        kept.add(pair);
      }
    }
    String base = jdbcUrl.substring(0, question);
    return new StartupOptions(kept.isEmpty() ? base : base + "?" + String.join("&", kept), String.join(" ", options));
  }

  /** The URL's options followed by {@code required}, which win where both set the same thing. */
  String with(String required) {
    return options.isEmpty() ? required : options + " " + required;
  }
}
