package dev.pulse.client.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The proxy the SDK sends through, chosen as the host's other HTTP clients would choose it: the JVM's
 * proxy properties ({@code https.proxyHost}, {@code http.proxyHost}, {@code http.nonProxyHosts}) when
 * the host set them, else the environment as Go's {@code net/http} reads it ({@code HTTPS_PROXY},
 * {@code HTTP_PROXY}, {@code NO_PROXY}, each also in lower case). Requests to localhost and loopback
 * addresses never go through a proxy. A proxy the JDK's client cannot use (SOCKS, or one reached over
 * TLS) is reported in {@link #notices} and not used. Immutable.
 */
public final class ProxyChoice extends ProxySelector {

  /** One scheme's proxy: where it is, which setting named it, and who needs no proxy. */
  private record Route(InetSocketAddress address, String source, Predicate<URI> bypass) {}

  private final Route https;
  private final Route http;
  private final PasswordAuthentication credentials;
  private final List<String> notices;

  private ProxyChoice(Route https, Route http, PasswordAuthentication credentials, List<String> notices) {
    this.https = https;
    this.http = http;
    this.credentials = credentials;
    this.notices = List.copyOf(notices);
  }

  /** The choice that {@code properties} (the JVM's) and else {@code environment} make. */
  public static ProxyChoice resolve(Properties properties, Map<String, String> environment) {
    List<String> notices = new ArrayList<>();
    Credentials found = new Credentials();
    Route https = jvmRoute(properties, "https", 443);
    if (https == null) {
      https = environmentRoute(environment, "HTTPS_PROXY", found, notices);
    }
    Route http = jvmRoute(properties, "http", 80);
    if (http == null) {
      http = environmentRoute(environment, "HTTP_PROXY", found, notices);
    }
    return new ProxyChoice(https, http, found.value, notices);
  }

  /** What the host should hear about settings that could not be used; empty when all were. */
  public List<String> notices() {
    return notices;
  }

  /**
   * Answers the proxy's request for credentials with the user and password of its URL
   * ({@code http://user:password@proxy:3128}), and no other request; empty when no URL has them.
   */
  public Optional<Authenticator> authenticator() {
    if (credentials == null) {
      return Optional.empty();
    }
    return Optional.of(new Authenticator() {
      @Override
      protected PasswordAuthentication getPasswordAuthentication() {
        return getRequestorType() == RequestorType.PROXY ? credentials : null;
      }
    });
  }

  /** Whether a request to {@code uri} goes through a proxy. */
  public boolean isProxied(URI uri) {
    return route(uri) != null;
  }

  /** The proxy a request to {@code uri} goes through, as {@code host:port}; empty when it goes directly. */
  public String proxyOf(URI uri) {
    Route route = route(uri);
    return route == null ? "" : route.address.getHostString() + ":" + route.address.getPort();
  }

  /** How a request to {@code uri} goes, as "directly (no proxy)" or the proxy and the setting naming it. */
  public String describe(URI uri) {
    Route route = route(uri);
    return route == null ? "directly (no proxy)"
        : "through the proxy " + route.address.getHostString() + ":" + route.address.getPort()
            + " (" + route.source + ")";
  }

  @Override
  public List<Proxy> select(URI uri) {
    Route route = route(uri);
    return List.of(route == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, route.address));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    // The send is retried as any failed send is; there is no other proxy to fall back to.
  }

  private Route route(URI uri) {
    Route route = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    if (route == null || NoProxy.isLocal(uri) || route.bypass.test(uri)) {
      return null;
    }
    return route;
  }

  private static Route jvmRoute(Properties properties, String scheme, int defaultPort) {
    String host = properties.getProperty(scheme + ".proxyHost", "").trim();
    if (host.isEmpty()) {
      return null;
    }
    int port = defaultPort;
    try {
      port = Integer.parseInt(properties.getProperty(scheme + ".proxyPort", "" + defaultPort).trim());
    } catch (NumberFormatException e) {
      // The JDK's own clients take the default port too.
    }
    return new Route(InetSocketAddress.createUnresolved(host, port), scheme + ".proxyHost",
        NoProxy.fromJvmProperty(properties.getProperty("http.nonProxyHosts", "")));
  }

  private static Route environmentRoute(
      Map<String, String> environment, String name, Credentials found, List<String> notices) {
    String source = name;
    String value = environment.getOrDefault(name, "").trim();
    if (value.isEmpty()) {
      source = name.toLowerCase(Locale.ROOT);
      value = environment.getOrDefault(source, "").trim();
    }
    if (value.isEmpty()) {
      return null;
    }
    URI proxy;
    try {
      proxy = new URI(value.contains("://") ? value : "http://" + value);
    } catch (URISyntaxException e) {
      notices.add(source + " is not a URL (" + e.getReason() + "); requests go without a proxy");
      return null;
    }
    if (!"http".equalsIgnoreCase(proxy.getScheme())) {
      notices.add(source + " names a " + proxy.getScheme() + " proxy; only an http:// proxy can be used"
          + " (as http://host:port), so requests go without one");
      return null;
    }
    if (proxy.getHost() == null) {
      notices.add(source + " has no host name a proxy can have; requests go without a proxy");
      return null;
    }
    if (proxy.getUserInfo() != null && found.value == null) {
      String[] parts = proxy.getUserInfo().split(":", 2);
      found.value = new PasswordAuthentication(parts[0], parts.length > 1 ? parts[1].toCharArray() : new char[0]);
    }
    int port = proxy.getPort() >= 0 ? proxy.getPort() : 80;
    if (port < 1 || port > 65535) {
      notices.add(source + " names the port " + port + ", which no proxy can have (1 to 65535); requests go"
          + " without a proxy");
      return null;
    }
    String noProxy = environment.getOrDefault("NO_PROXY", "").isBlank()
        ? environment.getOrDefault("no_proxy", "") : environment.get("NO_PROXY");
    return new Route(InetSocketAddress.createUnresolved(proxy.getHost(), port), source,
        NoProxy.fromEnvironment(noProxy));
  }

  /** The first proxy credentials found, shared by both schemes' routes. */
  private static final class Credentials {
    PasswordAuthentication value;
  }
}
