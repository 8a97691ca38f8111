package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pulse.server.TestServer;
import dev.pulse.server.http.CapturedLog;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The data dir holds every record, the context key and the admin token's hash: a server makes it its
 * owner's only, whatever the umask, and warns of an existing one every user may write to or enter.
 */
@Isolated
class DataDirectoriesTest {

  @TempDir Path tmp;

  @BeforeEach
  void posix() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions only: this file system has none");
  }

  @Test
  void aDataDirTheServerMakesIsItsOwnersOnly() throws Exception {
    Path data = tmp.resolve("parent/data");
    try (TestServer server = TestServer.start(data)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    }
  }

  @Test
  @ResourceLock(Resources.SYSTEM_ERR)
  void anExistingDataDirEveryUserMayWriteOrEnterIsWarnedOf() throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path readable = Files.createDirectory(tmp.resolve("readable"));
    Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path closed = Files.createDirectory(tmp.resolve("closed"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwxr-x---"));
    try (CapturedLog log = CapturedLog.start()) {
      try (TestServer server = TestServer.start(open)) {
        assertThat(log.text()).contains("the data dir " + open + " may be written by every user of this machine");
      }
      try (TestServer server = TestServer.start(readable)) {
        assertThat(log.text()).contains("the data dir " + readable + " may be entered by every user of this"
            + " machine, who can then read its records; chmod o-rx it");
      }
      try (TestServer server = TestServer.start(closed)) {
        assertThat(log.text()).doesNotContain("the data dir " + closed + " may be");
      }
    }
  }
}
