package dev.pulse.cli.logging;

import java.util.regex.Pattern;

/**
 * Replaces IP addresses in a line of text, IPv4 and IPv6, with their port when they have one
 * ({@code /127.0.0.1:54321}, {@code [::1]:8080}, {@code fe80::1%eth0}, {@code ::ffff:10.1.2.3}), by
 * {@value #MASK}: what the log of a server that promises to store no address may print of a client's.
 * A time such as {@code 10:15:30} or a version such as {@code 11.0.25} is not an address.
 */
final class AddressMask {

  /** What an address becomes. */
  static final String MASK = "<address>";

  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final String IPV4 = OCTET + "(?:\\." + OCTET + "){3}";
  private static final String HEX = "[0-9A-Fa-f]{1,4}";
  // An address has at most 8 groups: each repetition is bounded, so a long run of hex and colons
  // (which a client may put in a request line that Jetty quotes) is read in linear time, on a
  // shallow stack (an unbounded group repetition recursed once per group: a 4 KB run overflowed).
  private static final String IPV6 = "(?:(?:" + HEX + ":){7}" + HEX // full
      + "|(?:" + HEX + "(?::" + HEX + "){0,6})?::(?:(?:" + HEX + ":){0,5}" + IPV4 // with ::, ending in v4
      + "|(?:" + HEX + "(?::" + HEX + "){0,6})?)" // with ::
      + ")(?:%[0-9A-Za-z_.]{1,64}+)?"; // zone
  private static final String PORT = "(?::\\d{1,5})?";

  private static final Pattern ADDRESS = Pattern.compile(
      "\\[" + IPV6 + "\\]" + PORT // [v6]:port
          + "|(?<![\\w:.])" + IPV6 + "(?![\\w:])" // bare v6
          + "|(?<![\\w.])" + IPV4 + PORT + "(?![\\w.]*\\d)"); // v4, v4:port

  private AddressMask() {}

  /** {@code text} with every address in it masked; null stays null. */
  static String mask(String text) {
    return text == null || text.isEmpty() ? text : ADDRESS.matcher(text).replaceAll(MASK);
  }
}
