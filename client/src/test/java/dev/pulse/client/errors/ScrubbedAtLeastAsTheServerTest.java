package dev.pulse.client.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.privacy.ErrorTextScrubber;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever the server's scrubber removes from a message, the client has removed before sending it:
 * the server's {@link ErrorTextScrubber} itself decides, as the server runs it. Both apply the same
 * rules; this holds the client's wider rules, run after them, to never give back what they removed
 * (on the examples of {@code docs/privacy.md}, as components write them).
 */
class ScrubbedAtLeastAsTheServerTest {

  private final MessageScrubber client = new MessageScrubber(MessagePolicy.SCRUB);
  private final ErrorTextScrubber server = new ErrorTextScrubber();

  @ParameterizedTest
  @ValueSource(strings = {
      "User: arn:aws:iam::123456789012:user/deploy/jane is not authorized to perform s3:GetObject",
      "arn:aws:sts::123456789012:assumed-role/Deployer/jane-laptop-session is not allowed",
      "InvalidClientTokenId: AKIAIOSFODNN7EXAMPLE",
      "pull from https://admin:s3cret@registry.example.com/v2/ failed",
      "GET https://api.example.com/x?token=abc123&user=jane: 403",
      "pq: password authentication failed: user=jane password='s3 cr3t' dbname=pulse",
      "Authorization: Bearer abc.123-xyz rejected",
      "mail to jane.doe@example.com bounced",
      "dial tcp [fe80::1ff:fe23:4567:890a]:443: connect: connection refused",
      "dial tcp 10.0.0.7:9092: connect: connection refused",
      "node ip-192-168-12-34.us-west-2.compute.internal not ready",
      "cannot resolve Janes-MacBook-Pro.local or fs01.acme.local",
      "interface 00:1a:2b:3c:4d:5e down, adapter 00-1A-2B-3C-4D-5E down",
      "open /home/jane/.kube/config: permission denied; also /Users/jdoe/.kube/config",
      "open C:\\Users\\jdoe\\config and \"c:\\\\users\\\\jdoe\\\\.kube\\\\config\"",
      "pod 123e4567-e89b-12d3-a456-426614174000 evicted",
      "digest 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b mismatch",
      "jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9xyzAB12 expired",
  })
  void everyWordTheServerRemovesIsGoneFromWhatTheClientSends(String message) {
    Set<String> removedByServer = words(message);
    removedByServer.removeAll(words(server.scrub(message)));

    assertThat(removedByServer).as("the server removes something from: " + message).isNotEmpty();
    assertThat(words(client.scrub(message))).as("sent by the client for: " + message)
        .doesNotContainAnyElementsOf(removedByServer);
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.split("[^A-Za-z0-9]+")).filter(w -> !w.isEmpty())
        .collect(Collectors.toCollection(HashSet::new));
  }
}
