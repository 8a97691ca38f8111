package dev.pulse.client.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The hosts a request reaches without its proxy, as a predicate on the request's URI. Two spellings:
 * {@code NO_PROXY} as Go's {@code net/http} reads it, and the JVM's {@code http.nonProxyHosts}.
 * Neither ever resolves a host name.
 */
final class NoProxy {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private NoProxy() {}

  /**
   * {@code NO_PROXY}: comma-separated; {@code *} for every host; an IP address, or a range in CIDR
   * notation, matched against IP-address hosts; a domain name, matching itself and its subdomains, or
   * with a leading dot ({@code .example.com}, also {@code *.example.com}) its subdomains only. An IP
   * address or domain name may name a port ({@code :8080}), and then matches only that port.
   */
  static Predicate<URI> fromEnvironment(String value) {
    List<Predicate<URI>> rules = new ArrayList<>();
    for (String raw : value.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.equals("*")) {
        return uri -> true;
      }
      if (!entry.isEmpty()) {
        rules.add(rule(entry));
      }
    }
    return uri -> rules.stream().anyMatch(rule -> rule.test(uri));
  }

  /**
   * {@code http.nonProxyHosts}: host names separated by {@code |}, each with an optional {@code *}
   * at its start or end ({@code *.example.com}, {@code 10.*}), matched in any case.
   */
  static Predicate<URI> fromJvmProperty(String value) {
    List<Pattern> patterns = new ArrayList<>();
    for (String raw : value.split("\\|")) {
      String entry = raw.trim();
      if (!entry.isEmpty()) {
        String regex = Pattern.quote(entry).replace("*", "\\E.*\\Q");
        patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
      }
    }
    return uri -> patterns.stream().anyMatch(p -> p.matcher(host(uri)).matches());
  }

  /** Whether the URI names this machine: requests there never go through a proxy, as in Go. */
  static boolean isLocal(URI uri) {
    String host = host(uri);
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    InetAddress address = literal(host);
    return address != null && address.isLoopbackAddress();
  }

  /** The URI's host in lower case, without the brackets of an IPv6 address. */
  static String host(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static Predicate<URI> rule(String entry) {
    int slash = entry.indexOf('/');
    if (slash > 0) {
      InetAddress network = literal(entry.substring(0, slash));
      int bits = prefixLength(entry.substring(slash + 1));
      return uri -> network != null && bits >= 0 && inRange(literal(host(uri)), network, bits);
    }
    String hostPart = entry;
    int port = -1;
    int colon = entry.lastIndexOf(':');
    boolean bareIpv6 = entry.indexOf(':') != colon && !entry.startsWith("[");
    if (colon > 0 && !bareIpv6 && entry.substring(colon + 1).matches("\\d{1,5}")) {
      hostPart = entry.substring(0, colon);
      port = Integer.parseInt(entry.substring(colon + 1));
    }
    String name = hostPart.replaceFirst("^\\[(.*)]$", "$1").replaceFirst("^\\*\\.", ".");
    int wanted = port;
    return uri -> (wanted < 0 || wanted == port(uri)) && hostMatches(host(uri), name);
  }

  private static boolean hostMatches(String host, String name) {
    if (name.startsWith(".")) {
      return host.endsWith(name);
    }
    return host.equals(name) || host.endsWith("." + name);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static int prefixLength(String text) {
    return text.matches("\\d{1,3}") ? Integer.parseInt(text) : -1;
  }

  private static boolean inRange(InetAddress address, InetAddress network, int bits) {
    if (address == null) {
      return false;
    }
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length || bits > a.length * 8) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((a[i / 8] & mask) != (n[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** The address an IP literal spells, or null for anything else (a host name is never resolved). */
  private static InetAddress literal(String text) {
    boolean ipv4 = IPV4.matcher(text).matches()
        && Arrays.stream(text.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
    if (!ipv4 && !(text.contains(":") && text.matches("[0-9a-fA-F:.]+"))) {
      return null;
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
