package dev.pulse.server.store.duckdb.journal;

import static dev.pulse.server.store.duckdb.journal.SampleBatches.T0;
import static dev.pulse.server.store.duckdb.journal.SampleBatches.command;
import static dev.pulse.server.store.duckdb.journal.SampleBatches.component;
import static dev.pulse.server.store.duckdb.journal.SampleBatches.everyKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.schema.TelemetryData;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoredEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed bytes: rejected with the offset and the fault, never a crash nor a huge allocation. */
class BatchCodecMalformedTest {

  // Where the first CLI command's version length is when a batch has no events: version byte,
  // number of events, number of commands, receivedAt.
  private static final int FIRST_COMMAND_VERSION_AT = 1 + 4 + 4 + 12;

  @Test
  void truncatedBytesAreRejectedWithAPreciseError() {
    byte[] bytes = BatchCodec.encode(everyKind());

    for (int length = 0; length < bytes.length; length++) {
      int truncated = length;
      assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, truncated))
          .as("truncated to %d of %d bytes", truncated, bytes.length)
          .isExactlyInstanceOf(StoreException.class)
          .hasMessageStartingWith("Malformed journal batch at offset ")
          .hasMessageContaining(" of " + truncated + ": ")
          .hasMessageContaining("left");
    }
  }

  @Test
  void aCorruptLengthIsRejectedNotAllocated() {
    byte[] bytes = BatchCodec.encode(RecordBatch.ofCliCommands(List.of(command("v2.0.3"))));
    ByteBuffer.wrap(bytes).putInt(FIRST_COMMAND_VERSION_AT, Integer.MAX_VALUE);

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageStartingWith(
            "Malformed journal batch at offset " + FIRST_COMMAND_VERSION_AT + " of ")
        .hasMessageContaining("CLI version of 2147483647 bytes does not fit in the");
  }

  @Test
  void aCorruptCountIsRejectedNotAllocated() {
    byte[] bytes = BatchCodec.encode(RecordBatch.ofCliCommands(List.of(command("v2.0.3"))));
    ByteBuffer.wrap(bytes).putInt(1, Integer.MAX_VALUE);

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("at offset 1 of ")
        .hasMessageContaining("number of events 2147483647 does not fit in the");
  }

  @Test
  void aReferenceToAStringNotYetReadIsRejected() {
    byte[] bytes = BatchCodec.encode(RecordBatch.ofCliCommands(List.of(command("v2.0.3"))));
    ByteBuffer.wrap(bytes).putInt(FIRST_COMMAND_VERSION_AT, -100);

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("CLI version repeats string #99 but only 0 precede it");
  }

  @Test
  void anUnknownVersionIsRejected() {
    byte[] bytes = BatchCodec.encode(everyKind());
    bytes[0] = (byte) 0xFE;

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessage("Unsupported journal batch format version 254 (this server reads 1)");
  }

  @Test
  void anUnknownEnumNameIsRejected() {
    StoredEvent event =
        new StoredEvent(T0, component("i", "c"), TelemetryData.of(EventType.STARTED, 1));
    byte[] bytes = BatchCodec.encode(RecordBatch.ofEvents(List.of(event)));
    int at = indexOf(bytes, "STARTED".getBytes(StandardCharsets.US_ASCII));
    bytes[at + 6] = 'X';

    assertThatThrownBy(() -> BatchCodec.decode(bytes, 0, bytes.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("at offset " + (at - 4) + " of ")
        .hasMessageEndingWith("unknown event type 'STARTEX'");
  }

  @Test
  void bytesAfterTheBatchAreRejected() {
    byte[] bytes = BatchCodec.encode(everyKind());
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);

    assertThatThrownBy(() -> BatchCodec.decode(longer, 0, longer.length))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageEndingWith(
            "at offset " + bytes.length + " of " + longer.length + ": 3 bytes follow the end of the batch");
  }

  @Test
  void decodeReadsOnlyTheGivenRange() {
    RecordBatch batch = everyKind();
    byte[] bytes = BatchCodec.encode(batch);
    byte[] framed = new byte[37 + bytes.length + 41];
    new Random(7).nextBytes(framed);
    System.arraycopy(bytes, 0, framed, 37, bytes.length);

    assertThat(BatchCodec.decode(framed, 37, bytes.length)).isEqualTo(batch);
    assertThatThrownBy(() -> BatchCodec.decode(framed, 37, bytes.length - 1))
        .isExactlyInstanceOf(StoreException.class);
  }

  @Test
  void anyFlippedByteDecodesOrIsRejectedButNeverCrashes() {
    byte[] bytes = BatchCodec.encode(Fixture.mixedBatch());

    for (int position = 0; position < bytes.length; position++) {
      for (int mask : new int[] {0x01, 0x40, 0x80, 0xFF}) {
        byte[] corrupt = bytes.clone();
        corrupt[position] ^= (byte) mask;
        try {
          BatchCodec.decode(corrupt, 0, corrupt.length);
        } catch (StoreException expected) {
          assertThat(expected).hasMessageContaining("journal batch");
        }
      }
    }
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
