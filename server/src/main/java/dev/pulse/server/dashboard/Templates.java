package dev.pulse.server.dashboard;

import dev.pulse.server.web.BasePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Reads the dashboard's HTML templates and the chart library's version from the classpath. */
final class Templates {

  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

  private Templates() {}

  /**
   * A template with its {@code {{base}}} (the {@code <base href>} every relative link resolves
   * against) filled in.
   */
  static String read(String name, BasePath base) {
    return read(name).replace("{{base}}", base.of("/"));
  }

  private static String read(String name) {
    String path = "/dashboard/" + name;
    try (InputStream in = Templates.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("dashboard resource missing from the classpath: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The uPlot WebJar's version, so the pages follow the version pinned in the POM. */
  static String uplotVersion() {
    try (InputStream in = Templates.class.getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException(
            "the uPlot WebJar is missing: add org.webjars.npm:uplot to the server's dependencies");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
    }
  }

  static String escapeHtml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
