package dev.pulse.server.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One IP address or CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}), and the reading of IP address
 * literals it is built from, which never looks a name up. IPv4 addresses are held as IPv4-mapped IPv6
 * ({@code ::ffff:a.b.c.d}), so an IPv4 range also holds the mapped form of its addresses. Immutable.
 */
final class AddressRange {

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");
  private static final int MAPPED_PREFIX_BITS = 96;

  private final byte[] network;
  private final int prefixBits;
  private final String text;

  private AddressRange(byte[] network, int prefixBits, String text) {
    this.network = network;
    this.prefixBits = prefixBits;
    this.text = text;
  }

  /**
   * The range {@code text} names: an address alone, or an address, {@code /} and a prefix length
   * (0 to 32 for IPv4, 0 to 128 for IPv6); bits past the prefix are ignored.
   *
   * @throws IllegalArgumentException saying why, in words, when it is neither
   */
  static AddressRange parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    InetAddress literal = literal(address);
    if (literal == null) {
      throw new IllegalArgumentException("'" + ErrorMessages.cut(text) + "' is not an IP address or a CIDR range");
    }
    boolean v4 = !address.contains(":");
    int max = v4 ? 32 : 128;
    int bits = max;
    if (slash >= 0) {
      String length = text.substring(slash + 1);
      bits = length.matches("\\d{1,3}") ? Integer.parseInt(length) : -1;
      if (bits < 0 || bits > max) {
        throw new IllegalArgumentException("'" + ErrorMessages.cut(text) + "' has a prefix length that is not 0 to "
            + max + " (an " + (v4 ? "IPv4" : "IPv6") + " range takes /0 to /" + max + ")");
      }
    }
    return new AddressRange(bytes(literal), v4 ? MAPPED_PREFIX_BITS + bits : bits, text);
  }

  /** Whether {@code address} is in this range. */
  boolean contains(InetAddress address) {
    byte[] candidate = bytes(address);
    int whole = prefixBits / 8;
    if (!Arrays.equals(network, 0, whole, candidate, 0, whole)) {
      return false;
    }
    int rest = prefixBits % 8;
    int mask = (0xff << (8 - rest)) & 0xff;
    return rest == 0 || (network[whole] & mask) == (candidate[whole] & mask);
  }

  /**
   * The address an IP literal spells ({@code 192.0.2.1}, {@code 2001:db8::1}); null when {@code text}
   * is none (a host name, a zone, a port, brackets, an IPv4 address in a form other than four
   * decimal numbers). Never a name lookup.
   */
  static InetAddress literal(String text) {
    try {
      Matcher v4 = IPV4.matcher(text);
      if (v4.matches()) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int value = Integer.parseInt(v4.group(i + 1));
          if (value > 255) {
            return null;
          }
          bytes[i] = (byte) value;
        }
        return InetAddress.getByAddress(bytes);
      }
      // Starting with a hex digit or ':' and holding a ':', the JDK reads it as an IPv6 literal, or
      // refuses it, without looking a name up.
      return text.contains(":") && IPV6.matcher(text).matches() ? InetAddress.getByName(text) : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * The address of {@code text} as a peer or client address is written: an IP literal, an IPv6 one
   * perhaps in brackets or with its {@code %zone} (a link-local scope, no part of the address); null
   * when it is none. Never a name lookup.
   */
  static InetAddress hostLiteral(String text) {
    String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    int zone = address.indexOf('%');
    return literal(zone < 0 ? address : address.substring(0, zone));
  }

  /** The 16 bytes of {@code address}: IPv4 addresses as IPv4-mapped IPv6. */
  private static byte[] bytes(InetAddress address) {
    byte[] raw = address.getAddress();
    if (!(address instanceof Inet4Address)) {
      return raw;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(raw, 0, mapped, 12, 4);
    return mapped;
  }

  /** The range as it was given. */
  @Override
  public String toString() {
    return text;
  }
}
