package dev.pulse.client.config;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import dev.pulse.schema.WireOperations;

/**
 * What an {@code api-address} must be: an {@code http} or {@code https} URL with a host, a port up to
 * 65535, no user name or password (the SDK sends no credentials, and would print them wherever it
 * names its endpoint), and no query or fragment (the SDK appends the path {@link WireOperations#PATH}).
 */
final class ApiAddress {

  /** A URL's user info, up to the {@code @} before its host. */
  /**
   * A host and port given without a scheme ({@code localhost:8080}, {@code 10.0.0.5:8080/base}), in
   * characters safe to repeat in a warning as they are.
   */
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]++:\\d{1,5}(?:/[\\w.~/-]*+)?");
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*+://)[^/?#@]*+@");

  /** The longest host name DNS resolves. */
  static final int MAX_HOST = 253;

  private ApiAddress() {}

  /** Why {@code value} is no api-address, or null when it is one. */
  static String problem(String value) {
    try {
      URI uri = URI.create(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "expected an http or https URL" + (HOST_PORT.matcher(value).matches() ? " (http://" + value + "?)" : "");
      }
      if (uri.getRawUserInfo() != null || USER_INFO.matcher(value).find()) {
        return "the URL has a user name or password (user:password@), but the SDK sends no credentials";
      }
      if (uri.getHost() == null) {
        return "the URL has no host";
      }
      if (uri.getHost().length() > MAX_HOST) {
        return "the host name is longer than " + MAX_HOST + " characters, the most a DNS name has";
      }
      if (uri.getPort() > 65535) {
        return "the port " + uri.getPort() + " is not between 1 and 65535";
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        return "the URL has a query or fragment (?... or #...), but the SDK appends the path "
            + WireOperations.PATH + " to it";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "not a URL" + (HOST_PORT.matcher(value).matches() ? " (http://" + value + "?)" : "");
    }
  }

  /** {@code value} with any user name and password replaced, fit to be logged. */
  static String masked(String value) {
    return USER_INFO.matcher(value.trim()).replaceFirst("$1<credentials>@");
  }
}
