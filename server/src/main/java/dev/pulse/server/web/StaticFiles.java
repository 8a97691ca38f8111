package dev.pulse.server.web;

import java.util.Map;

/**
 * Where the files the server sends as they are (the dashboard's assets, the documentation, the
 * WebJars) come from on the classpath: one place for the dashboard that serves them and for the
 * error mapping that tells a method they do not take (405) from a file that is not there (404).
 */
public final class StaticFiles {

  /** The dashboard's assets: {@code /dashboard/app.js} is the classpath's {@code dashboard/app.js}. */
  public static final String DASHBOARD = "/dashboard";

  /** The documentation the server was built with: {@code /docs/api.md}. */
  public static final String DOCS = "/docs";

  // Javalin's WebJars are served from here.
  private static final Map<String, String> FOLDERS =
      Map.of(DASHBOARD + "/", "dashboard/", DOCS + "/", "docs/", "/webjars/", "META-INF/resources/webjars/");

  private StaticFiles() {}

  /** Whether a {@code GET} of {@code path} (a request path, without the base path) sends a static file. */
  public static boolean isFile(String path) {
    if (path.endsWith("/") || path.contains("..")) {
      return false;
    }
    for (Map.Entry<String, String> folder : FOLDERS.entrySet()) {
      if (path.startsWith(folder.getKey())) {
        String name = folder.getValue() + path.substring(folder.getKey().length());
        return StaticFiles.class.getClassLoader().getResource(name) != null;
      }
    }
    return false;
  }
}
