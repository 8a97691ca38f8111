package dev.pulse.server.web;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The key a client address is counted under by the wrong-token throttle: an IPv4 address as itself
 * (also when written IPv4-mapped, {@code ::ffff:a.b.c.d}), an IPv6 address by its /64 prefix
 * ({@code 2001:db8:1:2::/64}), since one host usually holds a whole /64 and could otherwise take a
 * fresh count with each of its addresses. A link-local IPv6 address ({@code fe80::/10}) is counted
 * alone, since every link shares its /64. Read as a literal, never looked up.
 */
public final class ClientKey {

  private static final int PREFIX_BYTES = 8;

  private ClientKey() {}

  /**
   * The key of {@code address} (as {@link TrustedProxies#clientAddress} gives it, or a TCP peer); the
   * text itself when it is no IP address.
   */
  public static String of(String address) {
    InetAddress literal = AddressRange.hostLiteral(address);
    if (literal == null) {
      return address;
    }
    if (literal instanceof Inet4Address || literal.isLinkLocalAddress()) { // ::ffff:a.b.c.d is read as IPv4
      return literal.getHostAddress();
    }
    byte[] bytes = literal.getAddress();
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < PREFIX_BYTES; i += 2) {
      prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
    }
    return prefix.append(":/64").toString();
  }
}
