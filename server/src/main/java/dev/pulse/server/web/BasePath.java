package dev.pulse.server.web;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The path under which browsers and components reach the server when a reverse proxy publishes it
 * below the root of a shared host ({@code https://tools.example/pulse/}); empty for the root.
 *
 * <p>The server answers both with and without it (see {@code BasePathHandler}): a proxy may pass the
 * path on as it is or strip it, and probes and port-forwards still reach {@code /healthz} and the
 * rest at the root. The links, redirects and cookie the server hands out always carry it, since they
 * are followed by browsers, which see the public path.
 *
 * @param prefix "" for the root, else a path such as {@code /pulse}: leading slash, none at the end
 */
public record BasePath(String prefix) {

  /** Serving at the root. */
  public static final BasePath ROOT = new BasePath("");

  // Unreserved URL characters only: nothing to encode in a link, a Location or a cookie's Path.
  private static final Pattern SEGMENTS = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  /**
   * The first path segments the server answers at the root whatever its base path: a base starting
   * with one would hide it there (/api/v1/x would be taken for /v1/x under the base /api). The Helm
   * chart refuses the same list.
   */
  public static final Set<String> SERVED_AT_ROOT = Set.of("api", "bench", "cli", "dashboard", "docs", "errors",
      "features", "healthz", "login", "logout", "metrics", "public", "readyz", "releases", "retention", "telemetry",
      "webjars");

  public BasePath {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.isEmpty()) { // ROOT is built before the rules below exist
      if (!valid(prefix)) {
        throw new IllegalArgumentException(
            "base-path must be a path such as /pulse, made of letters, digits and - . _ ~ between slashes,"
                + " got \"" + prefix + "\"");
      }
      String first = prefix.substring(1).split("/")[0];
      if (SERVED_AT_ROOT.contains(first)) {
        throw new IllegalArgumentException("base-path must not start with /" + first + ", a path the server"
            + " answers at the root too: choose another, such as /pulse");
      }
    }
  }

  /** The request attribute holding the path as the client sent it, base included, once the base is taken off. */
  public static final String PATH_AS_SENT = "dev.pulse.server.pathAsSent";

  /** The path of {@code ctx}'s request as its client sent it: under a base path, with it. */
  public static String pathAsSent(Context ctx) {
    return ctx.attribute(PATH_AS_SENT) instanceof String sent ? sent : ctx.path();
  }

  /** The base path a user gave: blank or "/" is the root; one trailing slash is dropped. */
  public static BasePath parse(String text) {
    if (text == null || text.isBlank()) {
      return ROOT;
    }
    String path = text.strip();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new BasePath(path);
  }

  /** Whether the server is at the root. */
  public boolean isRoot() {
    return prefix.isEmpty();
  }

  /** The public path of a server path: {@code /login} is {@code /pulse/login}. */
  public String of(String path) {
    return prefix + path;
  }

  /**
   * The server path a request path names when it is under this base ({@code /pulse/errors} is
   * {@code /errors}, {@code /pulse} is {@code /}); null when it is not under it.
   */
  public String strip(String path) {
    if (isRoot() || !path.startsWith(prefix)) {
      return null;
    }
    if (path.length() == prefix.length()) {
      return "/";
    }
    return path.charAt(prefix.length()) == '/' ? path.substring(prefix.length()) : null;
  }

  private static boolean valid(String path) {
    if (!SEGMENTS.matcher(path).matches()) {
      return false;
    }
    for (String segment : path.substring(1).split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return isRoot() ? "/" : prefix;
  }
}
