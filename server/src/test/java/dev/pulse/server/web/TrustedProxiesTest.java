package dev.pulse.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client address behind trusted proxies: which peers are proxies (addresses and CIDR ranges,
 * IPv4 and IPv6), which address of {@code X-Forwarded-For} is the client's, and the setting's
 * refusals. The throttle that uses it is tested through a real server in {@code AuthThrottleTest}.
 */
class TrustedProxiesTest {

  @Test
  void anIpv6RangeHoldsTheAddressesUnderItsPrefixAndNoOther() {
    TrustedProxies proxies = TrustedProxies.parse("2001:db8:abcd:12::/63");
    assertThat(proxies.clientAddress("2001:db8:abcd:12::1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    assertThat(proxies.clientAddress("2001:db8:abcd:13:ffff::1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
    // Outside the /63 (the 14th group's last bit differs), or IPv4: not a proxy, so its header is ignored.
    assertThat(proxies.clientAddress("2001:db8:abcd:14::1", List.of("203.0.113.9"))).isEqualTo("2001:db8:abcd:14::1");
    assertThat(proxies.clientAddress("10.0.0.1", List.of("203.0.113.9"))).isEqualTo("10.0.0.1");

    TrustedProxies single = TrustedProxies.parse("fd00::7, ::1");
    assertThat(single.clientAddress("fd00:0:0:0:0:0:0:7", List.of("2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
    assertThat(single.clientAddress("0:0:0:0:0:0:0:1", List.of("[2001:db8::6]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:6");
    assertThat(single.clientAddress("fd00::8", List.of("2001:db8::5"))).isEqualTo("fd00::8");
  }

  @Test
  void anIpv4RangeHoldsItsAddressesAndTheirIpv4MappedForm() {
    TrustedProxies proxies = TrustedProxies.parse("10.1.0.0/16,192.168.7.7");
    assertThat(proxies.clientAddress("10.1.255.3", List.of("198.51.100.4"))).isEqualTo("198.51.100.4");
    assertThat(proxies.clientAddress("::ffff:10.1.0.9", List.of("198.51.100.4"))).isEqualTo("198.51.100.4");
    assertThat(proxies.clientAddress("192.168.7.7", List.of("198.51.100.4:5050"))).isEqualTo("198.51.100.4");
    assertThat(proxies.clientAddress("10.2.0.1", List.of("198.51.100.4"))).isEqualTo("10.2.0.1");
    assertThat(proxies.clientAddress("192.168.7.8", List.of("198.51.100.4"))).isEqualTo("192.168.7.8");
  }

  @Test
  void theClientIsTheRightMostForwardedAddressThatIsNoTrustedProxyAcrossEveryHeader() {
    TrustedProxies proxies = TrustedProxies.parse("127.0.0.1,10.0.0.0/8");
    // What the client wrote itself is left of what the proxies appended: never taken.
    assertThat(proxies.clientAddress("127.0.0.1", List.of("1.1.1.1, 203.0.113.7", "10.0.0.2, 10.0.0.3")))
        .isEqualTo("203.0.113.7");
    assertThat(proxies.clientAddress("127.0.0.1", List.of("not-an-address, 203.0.113.7, 10.0.0.2")))
        .isEqualTo("203.0.113.7");
    assertThat(proxies.clientAddress("127.0.0.1", List.of("10.0.0.9, 10.0.0.2"))).as("every hop a proxy")
        .isEqualTo("10.0.0.9");
    assertThat(proxies.clientAddress("127.0.0.1", List.of())).as("no header").isEqualTo("127.0.0.1");
  }

  @Test
  void aMalformedForwardedAddressFromATrustedProxyLeavesThePeer() {
    TrustedProxies proxies = TrustedProxies.parse("127.0.0.1");
    for (String header : List.of("unknown", "", "203.0.113.7,", "proxy.example", "203.0.113.256", "203.0.113.7:x",
        "[2001:db8::1", "2001:db8::1%eth0")) {
      assertThat(proxies.clientAddress("127.0.0.1", List.of(header))).as(header).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void withNoTrustedProxyTheHeaderIsNeverRead() {
    assertThat(TrustedProxies.parse(" ").clientAddress("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
    assertThat(TrustedProxies.parse(null)).hasToString("none");
  }

  @Test
  void anEntryThatIsNoAddressOrRangeIsRefusedNamingTheSettingAndTheEntry() {
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, proxy.internal"))
        .hasMessageStartingWith("trusted-proxies: 'proxy.internal' is not an IP address or a CIDR range; give the"
            + " addresses or ranges of the proxies in front of Pulse");
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33"))
        .hasMessageStartingWith("trusted-proxies: '10.0.0.0/33' has a prefix length that is not 0 to 32");
    assertThatThrownBy(() -> TrustedProxies.parse("fd00::/129"))
        .hasMessageStartingWith("trusted-proxies: 'fd00::/129' has a prefix length that is not 0 to 128");
    for (String entry : List.of("10.0.0", "10.0.0.0/", "010.0.0.1.2", "[::1]", "fd00::/x", "1:2:3", "::1%lo")) {
      assertThatThrownBy(() -> TrustedProxies.parse(entry)).as(entry)
          .hasMessageStartingWith("trusted-proxies: '" + entry + "'");
    }
    assertThat(TrustedProxies.parse("10.0.0.0/8,,fd00::/8,")).hasToString("10.0.0.0/8,fd00::/8");
  }
}
