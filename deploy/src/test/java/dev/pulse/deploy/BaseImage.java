package dev.pulse.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The base image the container tests build on: a Debian bookworm root with a headless JRE 17, made by
 * deploy/image/debian-base.sh and kept in podman's store between runs.
 */
final class BaseImage {

  private static final Path SCRIPT = Manifests.MODULE.getParent().resolve("deploy/image/debian-base.sh");
  private static final String REPOSITORY = "localhost/pulse-base";
  private static final Duration TIMEOUT = Duration.ofMinutes(15);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** Keyed by the script that makes it: a changed script makes a new base, the old one is removed. */
  static final String NAME = REPOSITORY + ":bookworm-jre17-" + sha256Prefix(SCRIPT);

  private BaseImage() {}

  /** Makes the base image unless podman holds it already; removes older ones. */
  static void ensure(Podman podman) {
    String tags = podman.run(COMMAND_TIMEOUT, List.of("images", "--filter", "reference=" + REPOSITORY,
        "--format", "{{.Repository}}:{{.Tag}}"));
    tags.lines().filter(tag -> !tag.isBlank() && !tag.equals(NAME))
        .forEach(stale -> podman.tryRun(COMMAND_TIMEOUT, List.of("rmi", stale)));
    List<String> command = List.of("bash", SCRIPT.toString(), NAME);
    Podman.Result result = Podman.exec(withSbin(command), TIMEOUT);
    if (result.exitCode() != 0) {
      fail("deploy/image/debian-base.sh could not make " + NAME + ":\n" + result.output());
    }
  }

  private static String sha256Prefix(Path file) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static List<String> withSbin(List<String> command) {
    // debootstrap lives in /usr/sbin, which a non-login PATH may lack.
    List<String> env = new ArrayList<>(List.of("env",
        "PATH=" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin"));
    env.addAll(command);
    return env;
  }
}
