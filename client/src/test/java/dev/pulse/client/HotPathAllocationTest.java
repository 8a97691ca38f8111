package dev.pulse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.pulse.client.testing.RawServer;
import dev.pulse.client.testing.TestTelemetry;
import dev.pulse.schema.EventType;

/** The usage path allocates nothing on the host thread, measured with the JVM's per-thread counter. */
class HotPathAllocationTest {

  @TempDir Path dir;

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @Test
  void sendAndKnownKeyIncrementAllocateNothing() throws Exception {
    try (RawServer dead = RawServer.start(RawServer.Mode.SILENT)) {
      PulseTelemetry telemetry = TestTelemetry.builder(dead.apiAddress(), dir).contextId("ctx").build();
      String[] keys = {"a", "b", "c", "d"};
      for (int i = 0; i < 200_000; i++) { // warm up: let the JIT compile the path
        telemetry.send(EventType.NETWORK_POLICIES_CREATED, 1);
        telemetry.incrementUnique(EventType.SERVICE_DISCOVERED, keys[i & 3]);
      }

      long before = allocatedByThisThread();
      for (int i = 0; i < 1_000_000; i++) {
        telemetry.send(EventType.NETWORK_POLICIES_CREATED, 1);
        telemetry.send(EventType.INTENTS_APPLIED, i);
        telemetry.incrementUnique(EventType.SERVICE_DISCOVERED, keys[i & 3]);
      }
      long allocated = allocatedByThisThread() - before;

      // 3 million calls; a few hundred bytes of slack for the measurement itself.
      assertThat(allocated).isLessThan(4096);
      telemetry.close(java.time.Duration.ofMillis(100));
    }
  }
}
