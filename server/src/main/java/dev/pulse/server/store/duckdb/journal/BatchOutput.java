package dev.pulse.server.store.duckdb.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.pulse.server.store.StoreException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import dev.pulse.schema.Component;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** {@link BatchCodec}'s output: a growable buffer that writes each distinct string once. */
final class BatchOutput {

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final Map<String, Integer> stringNumbers = new HashMap<>();
  private byte[] buffer;
  private int position;

  BatchOutput(int capacity) {
    buffer = new byte[capacity];
  }

  void writeByte(int value) {
    ensureRoom(1);
    buffer[position++] = (byte) value;
  }

  void writeInt(int value) {
    ensureRoom(4);
    INT.set(buffer, position, value);
    position += 4;
  }

  void writeLong(long value) {
    ensureRoom(8);
    LONG.set(buffer, position, value);
    position += 8;
  }

  void writeString(String value) {
    Integer number = stringNumbers.putIfAbsent(value, stringNumbers.size());
    if (number != null) {
      writeInt(-1 - number);
      return;
    }
    byte[] utf8 = value.getBytes(UTF_8);
    writeInt(utf8.length);
    ensureRoom(utf8.length);
    System.arraycopy(utf8, 0, buffer, position, utf8.length);
    position += utf8.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, position);
  }

  private void ensureRoom(int bytes) {
    if (bytes <= buffer.length - position) {
      return;
    }
    // Arrays near Integer.MAX_VALUE cannot be allocated on every VM.
    int limit = Integer.MAX_VALUE - 8;
    if (bytes > limit - position) {
      throw new StoreException("Batch too large to encode: over " + limit + " bytes");
    }
    long grown = Math.max(2L * buffer.length, (long) position + bytes);
    buffer = Arrays.copyOf(buffer, (int) Math.min(grown, limit));
  }

  void writeComponent(Component component) {
    writeString(component.componentType().name());
    writeString(component.componentInstanceId());
    writeString(component.contextId());
    writeString(component.version());
    writeString(component.cloudClientId());
  }

  void writeInstant(Instant instant) {
    writeLong(instant.getEpochSecond());
    writeInt(instant.getNano());
  }
}
