package dev.pulse.client.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pulse.schema.IdentifierScrubber;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageScrubberTest {

  private final MessageScrubber scrubber = new MessageScrubber(MessagePolicy.SCRUB);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a URL goes whole                | pull from https://admin:s3cret@registry.example.com/v2/ failed | pull from <url> failed
      a home path goes whole          | open /home/jane/.kube/config: denied                       | open <path>: denied
      a Windows home path             | open C:\\Users\\jdoe\\config now                           | open <path> now
      a home directory alone          | cannot read /home/jane                                     | cannot read <path>
      a path under ~                  | open ~/work/secrets.yaml                                   | open <path>
      a host and its port             | dial db.prod.acme.com:5432 refused                         | dial <host> refused
      a bare host and its port        | dial db:5432 refused                                       | dial <host> refused
      a host under a common suffix    | lookup web-01.corp failed                                  | lookup <host> failed
      a cluster service name          | dial kafka.kafka-ns.svc.cluster.local:9092 refused         | dial <host> refused
      an mDNS name with its port      | lookup Janes-MacBook-Pro.local:8080 failed                 | lookup <host>.local:8080 failed
      a long number                   | order 12345678 not found                                   | order <number> not found
      an address keeps its port       | dial tcp 10.0.0.7:9092: refused                            | dial tcp <ip>:9092: refused
      an IPv6 address in brackets     | dial [fe80::1ff:fe23:4567:890a]:443 failed                 | dial [<ip>]:443 failed
      a time of day                   | deadline at 12:34:56 exceeded                              | deadline at 12:34:56 exceeded
      a version                       | unsupported version v1.2.3 (want 1.4)                      | unsupported version v1.2.3 (want 1.4)
      """)
  void removesMoreThanTheServerAndLeavesNoPlaceholderHalfReplaced(String kind, String message, String sent) {
    assertThat(scrubber.scrub(message)).as(kind).isEqualTo(sent);
  }

  @Test
  void appliesTheServersRulesFirst() {
    String message = "user=jane password='s3 cr3t' at Janes-MacBook-Pro.local from 00:1a:2b:3c:4d:5e";

    assertThat(scrubber.scrub(message)).isEqualTo(IdentifierScrubber.scrub(message))
        .isEqualTo("user=<user> password=<secret> at <host>.local from <mac>");
  }

  @Test
  void dropSendsNothingAndVerbatimSendsTheMessageCut() {
    assertThat(new MessageScrubber(MessagePolicy.DROP).scrub("open /home/jane/x")).isEmpty();
    assertThat(new MessageScrubber(MessagePolicy.VERBATIM).scrub("open /home/jane/x")).isEqualTo("open /home/jane/x");
    assertThat(new MessageScrubber(MessagePolicy.VERBATIM).scrub("x".repeat(400)))
        .hasSize(MessageScrubber.MAX_LENGTH + 1).endsWith("…");
  }

  /** A guard against a hang only: these tests assert what is returned, never how fast. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  @ParameterizedTest
  @ValueSource(strings = {"x", "/a", "a.", "12.", "\\a", "a:", "x-y.", "ab@", "a=b "})
  void aHugeMessageOfOneRepeatedUnitReturnsCut(String unit) {
    String message = "open /home/jane/x failed: " + unit.repeat(160_000 / unit.length());

    String sent = assertTimeoutPreemptively(HANG_GUARD, () -> scrubber.scrub(message));

    assertThat(sent).startsWith("open <path> failed:").endsWith("…").doesNotContain("jane")
        .hasSizeLessThanOrEqualTo(MessageScrubber.MAX_LENGTH + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a", "\\a"})
  void theSdksRulesNeedNoStackPerRepetition(String unit) throws Exception {
    // Within the bound, on a thread with a small stack: a rule that recursed per repeated group
    // (Java's regex engine does, for a group repeated with backtracking) overflowed here.
    Object outcome = onASmallStack(unit.repeat(900 / unit.length()));

    assertThat(outcome).isInstanceOf(String.class).isNotEqualTo(MessageScrubber.WITHHELD);
    assertThat((String) outcome).hasSizeLessThanOrEqualTo(MessageScrubber.MAX_LENGTH + 1);
  }

  /** What scrub returns, or throws, on a thread with a 256 KiB stack. */
  private Object onASmallStack(String message) throws InterruptedException {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread small = new Thread(null, () -> {
      try {
        outcome.set(scrubber.scrub(message));
      } catch (Throwable t) {
        outcome.set(t);
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join(HANG_GUARD.toMillis());
    return outcome.get();
  }

  @Test
  void aTokenCutByTheBoundIsDroppedNotSentInPart() {
    // URLs shrink to "<url>", so text near the bound reaches what is sent.
    String url = "https://h.example/" + "p".repeat(40) + " ";
    String filler = url.repeat((MessageScrubber.SCRUB_BOUND - 20) / url.length());
    String uuid = "123e4567-e89b-12d3-a456-426614174000";
    String message = filler + " ".repeat(MessageScrubber.SCRUB_BOUND - 12 - filler.length()) + uuid + " tail";

    String sent = scrubber.scrub(message);

    assertThat(sent).startsWith("<url> <url>").doesNotContain("123e4567").doesNotContain("tail").endsWith("…");
  }

  @Test
  void aPathUnderTheBoundIsScrubbedWhole() {
    String message = "open " + "/a".repeat(400) + " failed";

    assertThat(scrubber.scrub(message)).isEqualTo("open <path> failed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      a file right under ~             | open ~/notes.txt failed                   | open <path> failed
      a JSON password                  | body {"password":"hunter2"} refused       | body {"password":"<secret>"} refused
      a JSON access token              | {"access_token": "abc.def"}               | {"access_token": "<secret>"}
      a password after a colon         | PASSWORD: hunter2 rejected                | PASSWORD: <secret> rejected
      a short pwd after a colon        | login pwd:abc failed                      | login pwd:<secret> failed
      a single-quoted password         | password: 'hunter2' rejected              | password: <secret> rejected
      a double-quoted password         | password: "hunter 2" rejected             | password: <secret> rejected
      upper case, quoted               | PASSWORD: 'a b' rejected                  | PASSWORD: <secret> rejected
      a quoted pwd                     | login pwd: "s3 cr3t" failed               | login pwd: <secret> failed
      a quote the cut left open        | login password: "s3 cr3t                  | login password: <secret>
      an API key header                | X-Api-Key: 9f8e7d6c5b4a39281706 rejected  | X-Api-Key: <secret> rejected
      a Stripe key                     | key sk-live-4f9a8b7c6d5e refused          | key <token> refused
      a Slack token                    | post with xoxb-1234-5678-abcdefgh failed  | post with <token> failed
      a GitHub token                   | auth ghp_AbCdEfGhIjKlMnOpQrStUvWx12 bad   | auth <token> bad
      a password after a space         | login failed: password hunter2            | login failed: password <secret>
      """)
  void removesSecretsTheKeyEqualsValueRuleMisses(String kind, String message, String sent) {
    assertThat(scrubber.scrub(message)).as(kind).isEqualTo(sent);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "password reset e-mail sent", "token expired", "secret: not found in namespace", "api key missing",
      "the token: expired", "skip-live-tests is on", "passwords: 3 attempts left",
      "password is incorrect"})
  void leavesOrdinaryWordsAboutSecretsAlone(String message) {
    assertThat(scrubber.scrub(message)).isEqualTo(message);
  }
}
