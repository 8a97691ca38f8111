package dev.pulse.server.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The proxies in front of the server whose {@code X-Forwarded-For} is believed (the setting {@code
 * trusted-proxies}, {@code PULSE_TRUSTED_PROXIES}), and the client address of a request it gives:
 * when the TCP peer is one of them, the right-most address of {@code X-Forwarded-For} (every such
 * header, joined in order) that is not itself a trusted proxy; otherwise the peer, whatever the
 * request says it forwards for, since a client may write that header itself. A forwarded address
 * that is not an IP address (a name, {@code unknown}) makes it the peer too. {@code [v6]:port} and
 * {@code v4:port} are read without the port.
 *
 * <p>The address is for the wrong-token throttle, in memory: it is never stored or logged.
 * Immutable.
 */
public final class TrustedProxies {

  /** No proxy trusted: the client address is always the TCP peer. */
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private static final String KEY = "trusted-proxies";

  private final List<AddressRange> ranges;

  private TrustedProxies(List<AddressRange> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * The proxies a setting lists: addresses and CIDR ranges, IPv4 or IPv6, separated by commas
   * ({@code 10.0.0.0/8, fd00::/8}); null or blank is {@link #NONE}.
   *
   * @throws IllegalArgumentException naming the setting and the first entry that is no address or range
   */
  public static TrustedProxies parse(String setting) {
    if (setting == null || setting.isBlank()) {
      return NONE;
    }
    List<AddressRange> ranges = new ArrayList<>();
    for (String entry : setting.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      try {
        ranges.add(AddressRange.parse(entry.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(KEY + ": " + e.getMessage() + "; give the addresses or ranges of"
            + " the proxies in front of Pulse, separated by commas, such as 10.0.0.0/8,192.168.1.10,fd00::/8", e);
      }
    }
    return new TrustedProxies(ranges);
  }

  /** The client address of {@code ctx}'s request, as the class says. */
  public String clientAddress(Context ctx) {
    String peer = ctx.req().getRemoteAddr();
    return ranges.isEmpty() ? peer : clientAddress(peer, Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
  }

  /** The client address of a request from {@code peer} with these {@code X-Forwarded-For} headers. */
  String clientAddress(String peer, List<String> forwardedFor) {
    InetAddress hop = AddressRange.hostLiteral(peer);
    if (hop == null || !trusts(hop) || forwardedFor.isEmpty()) {
      return peer;
    }
    String[] hops = String.join(",", forwardedFor).split(",", -1);
    for (int i = hops.length - 1; i >= 0; i--) {
      hop = forwarded(hops[i].strip());
      if (hop == null) {
        return peer;
      }
      if (!trusts(hop)) {
        return hop.getHostAddress();
      }
    }
    return hop.getHostAddress(); // every hop a trusted proxy: the first of them
  }

  private boolean trusts(InetAddress address) {
    return ranges.stream().anyMatch(range -> range.contains(address));
  }

  /** An address of X-Forwarded-For, without brackets or port; null when it is none. */
  private static InetAddress forwarded(String hop) {
    String address = hop;
    String port = "";
    if (hop.startsWith("[")) {
      int close = hop.indexOf(']');
      address = close < 0 ? "" : hop.substring(1, close);
      port = close < 0 ? "" : hop.substring(close + 1);
    } else if (hop.indexOf(':') > 0 && hop.indexOf(':') == hop.lastIndexOf(':')) {
      address = hop.substring(0, hop.indexOf(':'));
      port = hop.substring(hop.indexOf(':'));
    }
    return port.isEmpty() || port.matches(":\\d{1,5}") ? AddressRange.literal(address) : null;
  }

  /** How many addresses and ranges are listed; 0 for {@link #NONE}. */
  public int size() {
    return ranges.size();
  }

  /** The ranges as given, separated by commas; "none" when there are none. */
  @Override
  public String toString() {
    return ranges.isEmpty() ? "none" : ranges.stream().map(AddressRange::toString).collect(Collectors.joining(","));
  }
}
