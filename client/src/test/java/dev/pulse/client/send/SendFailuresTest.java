package dev.pulse.client.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.client.http.ProxyChoice;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SendFailuresTest {

  private static final URI ENDPOINT = URI.create("https://pulse.example/telemetry/query");
  private static final ProxyChoice DIRECT = ProxyChoice.resolve(new Properties(), Map.of());

  @Test
  void aWrappedJdkFailureIsToldWithoutItsClassName() {
    Attempt attempt = SendFailures.of(new IOException(new SocketException("Connection reset")), ENDPOINT, DIRECT);

    assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.RETRY);
    assertThat(attempt.detail()).isEqualTo("the connection to pulse.example:443 failed: Connection reset");
  }

  @Test
  void aMessageThatIsOnlyAClassNameIsLeftOut() {
    Attempt attempt = SendFailures.of(new IOException(new java.io.EOFException()), ENDPOINT, DIRECT);

    assertThat(attempt.detail()).isEqualTo("the connection to pulse.example:443 failed");
  }
}
