package dev.pulse.server.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the records live, parsed from {@code pulse serve --store} / {@code PULSE_STORE}:
 *
 * <ul>
 *   <li>absent or blank: the embedded DuckDB store in the data dir (the default);
 *   <li>{@code duckdb:<dir>}: the embedded DuckDB store in another directory;
 *   <li>{@code postgresql://[user[:password]@]host[:port]/database[?user=..&password=..&<driver
 *       options>]}, also spelled {@code postgres://} or {@code jdbc:postgresql://}: PostgreSQL.
 * </ul>
 *
 * <p>{@link #toString} never shows a password. Immutable.
 */
public sealed interface StoreLocation {

  /** The embedded DuckDB store in {@code dataDir}. */
  record DuckDb(Path dataDir) implements StoreLocation {

    public DuckDb {
      Objects.requireNonNull(dataDir, "dataDir");
    }

    @Override
    public String toString() {
      return "DuckDB in " + dataDir;
    }
  }

  /**
   * A PostgreSQL database.
   *
   * @param jdbcUrl the driver URL without credentials ({@code jdbc:postgresql://host:port/db?...})
   * @param user the role to log in as, or "" for the driver's default
   * @param password the password, or "" for none (or a password file)
   */
  record Postgres(String jdbcUrl, String user, String password) implements StoreLocation {

    public Postgres {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql: " + jdbcUrl);
      }
    }

    @Override
    public String toString() {
      return "PostgreSQL at " + jdbcUrl + (user.isEmpty() ? "" : " as " + user);
    }

    /** The database's name as the JDBC URL gives it, without its parameters; "" when it names none. */
    public String databaseName() {
      return hostAndName()[1];
    }

    /** The host (and port) the JDBC URL names; "localhost" when it names none. */
    public String host() {
      return hostAndName()[0];
    }

    private String[] hostAndName() {
      String url = jdbcUrl.substring("jdbc:postgresql:".length());
      int parameters = url.indexOf('?');
      url = parameters < 0 ? url : url.substring(0, parameters);
      if (!url.startsWith("//")) {
        return new String[] {"localhost", url};
      }
      String rest = url.substring(2);
      int slash = rest.indexOf('/');
      String host = slash < 0 ? rest : rest.substring(0, slash);
      return new String[] {host.isEmpty() ? "localhost" : host, slash < 0 ? "" : rest.substring(slash + 1)};
    }
  }

  /**
   * Parses a store URL.
   *
   * @param urlOrNull the URL, or null or blank for the default
   * @param dataDir the data dir, the default store's home
   * @throws IllegalArgumentException naming the accepted forms when the URL is not one of them
   */
  public static StoreLocation parse(String urlOrNull, Path dataDir) {
    if (urlOrNull == null || urlOrNull.isBlank()) {
      return new DuckDb(dataDir);
    }
    String url = urlOrNull.strip();
    if (url.startsWith("duckdb:")) {
      String dir = url.substring("duckdb:".length());
      return new DuckDb(dir.isEmpty() ? dataDir : Path.of(dir));
    }
    for (String scheme : List.of("jdbc:postgresql://", "postgresql://", "postgres://")) {
      if (url.startsWith(scheme)) {
        return postgres(url.substring(scheme.length()));
      }
    }
    throw new IllegalArgumentException(
        "store must be empty (DuckDB in the data dir), duckdb:<dir>, or"
            + " postgresql://host[:port]/database?user=..&password=..; got a URL starting with '"
            + url.substring(0, Math.min(url.length(), url.indexOf(':') + 1)) + "'");
  }

  private static Postgres postgres(String rest) {
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String pathAndQuery = slash < 0 ? "/" : rest.substring(slash);
    String user = "";
    String password = "";
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    }
    if (authority.isEmpty()) {
      authority = "localhost";
    }
    int question = pathAndQuery.indexOf('?');
    String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    if (path.length() <= 1) {
      throw new IllegalArgumentException(
          "store URL must name a database: postgresql://" + authority + "/<database>");
    }
    checkPorts(authority, path);
    List<String> options = new ArrayList<>();
    if (question >= 0) {
      for (String pair : pathAndQuery.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (key.equals("user")) {
          user = value;
        } else if (key.equals("password")) {
          password = value;
        } else {
          options.add(pair);
        }
      }
    }
    String jdbcUrl =
        "jdbc:postgresql://" + authority + path
            + (options.isEmpty() ? "" : "?" + String.join("&", options));
    return new Postgres(jdbcUrl, user, password);
  }

  /** Refuses a host's port that is not one (1 to 65535), as the driver would only later and obscurely. */
  private static void checkPorts(String authority, String path) {
    for (String host : authority.split(",")) {
      int colon = host.lastIndexOf(':');
      if (colon < 0 || host.lastIndexOf(']') > colon) {
        continue; // no port, or an IPv6 address without one
      }
      String port = host.substring(colon + 1);
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
        throw new IllegalArgumentException("the port of the store URL must be a number from 1 to 65535, not '"
            + port + "': postgresql://" + host.substring(0, colon) + ":<port>" + path);
      }
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the text, a password perhaps.
      throw new IllegalArgumentException("a % in the store URL must be followed by two hex digits: write a % in"
          + " a user name or password as %25");
    }
  }
}
