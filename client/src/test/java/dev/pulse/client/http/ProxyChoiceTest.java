package dev.pulse.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyChoiceTest {

  private static final Properties NO_PROPERTIES = new Properties();

  private static String through(ProxyChoice choice, String uri) {
    Proxy proxy = choice.select(URI.create(uri)).get(0);
    if (proxy.type() == Proxy.Type.DIRECT) {
      return "direct";
    }
    InetSocketAddress address = (InetSocketAddress) proxy.address();
    return address.getHostString() + ":" + address.getPort();
  }

  @Test
  void withNoProxySetEveryRequestIsDirect() {
    ProxyChoice choice = ProxyChoice.resolve(NO_PROPERTIES, Map.of());
    assertThat(through(choice, "https://telemetry.example.com/query")).isEqualTo("direct");
    assertThat(choice.notices()).isEmpty();
    assertThat(choice.authenticator()).isEmpty();
  }

  @Test
  void eachSchemeTakesItsOwnVariableUpperCaseFirstAsGoReadsThem() {
    ProxyChoice choice = ProxyChoice.resolve(NO_PROPERTIES, Map.of(
        "HTTPS_PROXY", "http://secure.corp:3128", "https_proxy", "http://ignored.corp:1",
        "http_proxy", "plain.corp"));
    assertThat(through(choice, "https://telemetry.example.com/query")).isEqualTo("secure.corp:3128");
    assertThat(through(choice, "http://telemetry.example.com/query")).isEqualTo("plain.corp:80");
    assertThat(choice.describe(URI.create("https://telemetry.example.com")))
        .isEqualTo("through the proxy secure.corp:3128 (HTTPS_PROXY)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "example.com|https://example.com/q|direct",
    "example.com|https://api.example.com/q|direct",
    "example.com|https://notexample.com/q|proxy",
    ".example.com|https://example.com/q|proxy",
    ".example.com|https://api.example.com/q|direct",
    "*.example.com|https://api.example.com/q|direct",
    "EXAMPLE.com|https://api.Example.COM/q|direct",
    "example.com:8443|https://example.com:8443/q|direct",
    "example.com:8443|https://example.com/q|proxy",
    "10.0.0.0/8|https://10.20.30.40/q|direct",
    "10.0.0.0/8|https://11.0.0.1/q|proxy",
    "10.0.0.0/8|https://ten.example.com/q|proxy",
    "192.168.1.7|https://192.168.1.7:9443/q|direct",
    "fd00::/8|https://[fd12::1]/q|direct",
    "'other.org, example.com'|https://example.com/q|direct",
    "*|https://anything.at.all/q|direct",
    "''|https://example.com/q|proxy",
  })
  void noProxyNamesHostsDomainsRangesAndPortsAsGoReadsIt(String noProxy, String uri, String expected) {
    ProxyChoice choice = ProxyChoice.resolve(NO_PROPERTIES, Map.of("HTTPS_PROXY", "proxy.corp:3128", "NO_PROXY", noProxy));
    assertThat(through(choice, uri)).isEqualTo(expected.equals("proxy") ? "proxy.corp:3128" : "direct");
  }

  @ParameterizedTest
  @CsvSource({"http://localhost:8080/q", "http://127.0.0.1:8080/q", "http://[::1]:8080/q", "http://api.localhost/q"})
  void thisMachineIsNeverReachedThroughAProxy(String uri) {
    ProxyChoice choice = ProxyChoice.resolve(NO_PROPERTIES, Map.of("HTTP_PROXY", "proxy.corp:3128"));
    assertThat(through(choice, uri)).isEqualTo("direct");
  }

  @Test
  void theJvmsProxyPropertiesWinOverTheEnvironment() {
    Properties properties = new Properties();
    properties.setProperty("https.proxyHost", "jvm.corp");
    properties.setProperty("https.proxyPort", "8443");
    properties.setProperty("http.nonProxyHosts", "*.internal|build.*");
    ProxyChoice choice = ProxyChoice.resolve(properties, Map.of("HTTPS_PROXY", "env.corp:3128", "HTTP_PROXY", "env.corp:3128"));

    assertThat(through(choice, "https://telemetry.example.com/q")).isEqualTo("jvm.corp:8443");
    assertThat(through(choice, "https://pulse.INTERNAL/q")).isEqualTo("direct");
    assertThat(through(choice, "https://build.example.com/q")).isEqualTo("direct");
    assertThat(through(choice, "http://telemetry.example.com/q")).as("no http.proxyHost: the environment's")
        .isEqualTo("env.corp:3128");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "socks5://proxy.corp:1080|HTTPS_PROXY names a socks5 proxy",
    "https://proxy.corp:443|HTTPS_PROXY names a https proxy",
    "http://proxy corp:80|HTTPS_PROXY is not a URL",
    "http://proxy_corp:3128|HTTPS_PROXY has no host name",
    "http://proxy.corp:99999|HTTPS_PROXY names the port 99999, which no proxy can have",
  })
  void aProxyTheJdkCannotUseIsReportedAndNotUsed(String value, String notice) {
    ProxyChoice choice = ProxyChoice.resolve(NO_PROPERTIES, Map.of("HTTPS_PROXY", value));
    assertThat(through(choice, "https://telemetry.example.com/q")).isEqualTo("direct");
    assertThat(choice.notices()).singleElement().asString().startsWith(notice).contains("without");
  }

  @Test
  void credentialsInTheProxyUrlAnswerTheProxyOnlyAndAreNeverShown() {
    ProxyChoice choice = ProxyChoice.resolve(NO_PROPERTIES, Map.of("HTTPS_PROXY", "http://jane:s3cr%40t@proxy.corp:3128"));
    assertThat(choice.authenticator()).isPresent();
    assertThat(choice.describe(URI.create("https://telemetry.example.com"))).doesNotContain("jane", "s3cr");
  }
}
