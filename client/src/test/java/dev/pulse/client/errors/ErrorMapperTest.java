package dev.pulse.client.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;

class ErrorMapperTest {

  private final ErrorMapper mapper = new ErrorMapper(MessagePolicy.SCRUB, Set.of("reconciler"));

  @Test
  void mapsMessageClassCauseChainAndFrames() {
    IOException root = new IOException("connection refused");
    UncheckedIOException top = new UncheckedIOException("reconcile failed", root);

    ReportedError e = mapper.map(top);

    assertThat(e.message()).isEqualTo("reconcile failed");
    assertThat(e.errorClass()).isEqualTo("java.io.UncheckedIOException");
    assertThat(e.cause().message()).isEqualTo("connection refused");
    assertThat(e.cause().errorClass()).isEqualTo("java.io.IOException");
    assertThat(e.cause().cause()).isNull();
    StackFrame first = e.stack().get(0);
    assertThat(first.file()).isEqualTo("ErrorMapperTest.java");
    assertThat(first.lineNumber()).isPositive();
    assertThat(first.name()).isEqualTo("ErrorMapperTest.mapsMessageClassCauseChainAndFrames");
    assertThat(first.packageName()).isEqualTo("dev.pulse.client.errors");
  }

  @Test
  void keepsOnlyAllowedMetadataKeys() {
    ReportedError e = mapper.map(new IllegalStateException("x"),
        Map.of("reconciler", "NetworkPolicyReconciler", "hostname", "prod-db-1"));

    assertThat(e.metadata()).containsExactly(new MetadataEntry("reconciler", "NetworkPolicyReconciler"));
  }

  @Test
  void survivesACycleInTheCauseChain() {
    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);

    ReportedError e = mapper.map(a);

    assertThat(e.chainLength()).isEqualTo(2);
  }

  @Test
  void capsTheCauseChain() {
    Throwable t = new RuntimeException("root");
    for (int i = 0; i < 100; i++) {
      t = new RuntimeException("level " + i, t);
    }

    assertThat(mapper.map(t).chainLength()).isEqualTo(ErrorMapper.MAX_CHAIN);
  }

  @Test
  void capsFramesAndStripsDirectoriesFromFileNames() {
    Exception e = new Exception("deep");
    StackTraceElement[] trace = new StackTraceElement[200];
    for (int i = 0; i < trace.length; i++) {
      trace[i] = new StackTraceElement("com.acme.Foo", "bar", "/home/alice/src/com/acme/Foo.java", i);
    }
    e.setStackTrace(trace);

    ReportedError mapped = mapper.map(e);

    assertThat(mapped.stack()).hasSize(ErrorMapper.MAX_FRAMES);
    assertThat(mapped.stack()).allSatisfy(f -> assertThat(f.file()).isEqualTo("Foo.java"));
  }

  @Test
  void aFileNameHoldingAnIdentifierIsScrubbedAsTheServerWouldWhateverTheMessagePolicy() {
    Exception e = new Exception("scripted");
    e.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("Script1", "run", "/home/jane/Script_jane.doe@acme.com_1.groovy", 3),
      new StackTraceElement("Script2", "run", "C:\\Users\\jane\\build.gradle.kts", 4),
      new StackTraceElement("Script1", "run", "Script_jane.doe@acme.com_1.groovy", 5),
      new StackTraceElement("Foo", "run", "Foo.java", 6)});

    for (MessagePolicy policy : MessagePolicy.values()) {
      List<String> files = new ErrorMapper(policy, Set.of()).map(e).stack().stream().map(StackFrame::file).toList();

      assertThat(files).as("%s", policy).noneMatch(f -> f.contains("jane"))
          .containsExactly("<email>", "build.gradle.kts", "<email>", "Foo.java");
    }
  }

  @Test
  void framesWithoutFileOrLineAreStillValid() {
    Exception e = new Exception();
    e.setStackTrace(new StackTraceElement[] {new StackTraceElement("Top", "run", null, -2)});

    StackFrame f = mapper.map(e).stack().get(0);

    assertThat(f).isEqualTo(new StackFrame("", 0, "Top.run", ""));
    assertThat(mapper.map(e).message()).isEmpty();
  }

  @Test
  void scrubsHostsPathsAndAddressesFromMessages() {
    ReportedError e = mapper.map(new IOException(
        "cannot open /home/alice/secrets/kube.yaml from db.prod.acme.com:5432 (10.1.2.3) for"
            + " alice@acme.com via https://user:pw@api.acme.io/v1?x=1, id 12345678"));

    assertThat(e.message())
        .doesNotContain("alice", "acme", "10.1.2.3", "secrets", "12345678", "pw@")
        .contains("cannot open <path>", "<host>", "<ip>", "<email>", "<url>", "<number>");
  }

  @Test
  void scrubsCredentialsFromMessages() {
    ReportedError e = mapper.map(new IllegalStateException(
        "login failed: user=alice password='hunter 2' api_key=k3y; Authorization: Bearer abc.123-xyz;"
            + " key AKIAIOSFODNN7EXAMPLE; jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9xyz;"
            + " digest 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"));

    assertThat(e.message())
        .doesNotContain("alice", "hunter", "k3y", "abc.123", "AKIA", "eyJhbGci", "9f86d0")
        .contains("user=<user>", "password=<secret>", "api_key=<secret>", "Bearer <token>", "<aws-key>",
            "jwt <token>", "digest <hex>");
  }

  @Test
  void namesWhatItRemovedFromAnArnAndLeavesTheRest() {
    assertThat(mapper.map(new IllegalStateException(
        "User: arn:aws:sts::123456789012:assumed-role/Deployer/jane-session is not authorized")).message())
        .isEqualTo("User: arn:aws:sts::<account>:assumed-role/Deployer/<session> is not authorized");
    assertThat(mapper.map(new IllegalStateException("dial ::1 and [fe80::1ff:fe23:4567:890a]:443")).message())
        .isEqualTo("dial <ip> and [<ip>]:443");
  }

  @Test
  void leavesWordsThatLookLikeCredentialsAlone() {
    assertThat(mapper.map(new IllegalStateException("no Bearer token; Basic authentication is off")).message())
        .isEqualTo("no Bearer token; Basic authentication is off");
  }

  @Test
  void dropPolicySendsNoMessageAndVerbatimKeepsIt() {
    IOException io = new IOException("at /tmp/x/y");

    assertThat(new ErrorMapper(MessagePolicy.DROP, Set.of()).map(io).message()).isEmpty();
    assertThat(new ErrorMapper(MessagePolicy.VERBATIM, Set.of()).map(io).message()).isEqualTo("at /tmp/x/y");
  }

  @Test
  void cutsLongMessages() {
    String longMessage = "word ".repeat(500);

    assertThat(mapper.map(new Exception(longMessage)).message().length())
        .isLessThanOrEqualTo(MessageScrubber.MAX_LENGTH + 1);
  }

  @Test
  void metadataValuesAreScrubbedWhateverTheMessagePolicy() {
    Map<String, String> metadata = Map.of("reconciler", "jane@example.com at /home/jane/app from 10.1.2.3");

    for (MessagePolicy policy : MessagePolicy.values()) {
      ReportedError e = new ErrorMapper(policy, Set.of("reconciler")).map(new RuntimeException("x"), metadata);

      assertThat(e.metadata()).as("%s", policy)
          .containsExactly(new MetadataEntry("reconciler", "<email> at <path> from <ip>"));
    }
  }

  /** A host may allow a key by mistake: a secret's value has no shape the text rules would see. */
  @Test
  void anAllowedKeyNamingASecretOrAUserSendsItsPlaceholderNotItsValue() {
    Map<String, String> metadata = Map.of("db.password", "hunter2", "username", "jane", "level", "WARN");

    ReportedError e = new ErrorMapper(MessagePolicy.SCRUB, metadata.keySet()).map(new RuntimeException("x"), metadata);

    assertThat(e.metadata()).containsExactly(new MetadataEntry("db.password", "<secret>"),
        new MetadataEntry("level", "WARN"), new MetadataEntry("username", "<user>"));
  }

  /** A logging context of a hundred keys: the allowed ones come last in its order, and are all sent. */
  @Test
  void anAllowedKeyIsSentHoweverManyOtherKeysComeBeforeItInALargeMap() {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      metadata.put("mdc." + i, "v" + i);
    }
    metadata.put("reconciler", "NetworkPolicyReconciler");
    metadata.put("level", "WARN");

    ReportedError e = new ErrorMapper(MessagePolicy.SCRUB, Set.of("reconciler", "level", "absent"))
        .map(new RuntimeException("x"), metadata);

    assertThat(e.metadata()).containsExactly(new MetadataEntry("level", "WARN"),
        new MetadataEntry("reconciler", "NetworkPolicyReconciler"));
  }
}
