package dev.pulse.server.store.duckdb.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.pulse.schema.Component;
import dev.pulse.schema.ComponentType;
import dev.pulse.server.store.StoreException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link BatchCodec}'s input: reads {@code bytes[start, end)}, checking every read against what remains. */
final class BatchInput {

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  // Every list element holds at least one i32, so a count is at most the bytes remaining / 4.
  private static final int MIN_ELEMENT_BYTES = 4;

  private final List<String> strings = new ArrayList<>();
  /** The last component read, which the next record of the same install shares. */
  Component lastComponent;
  private final byte[] bytes;
  private final int start;
  private final int end;
  private int position;

  BatchInput(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.start = offset;
    this.end = offset + length;
    this.position = offset;
  }

  /** The offset of the next read, from the start of the batch. */
  int offset() {
    return position - start;
  }

  int remaining() {
    return end - position;
  }

  int readByte(String what) {
    require(1, what);
    return bytes[position++] & 0xFF;
  }

  int readInt(String what) {
    require(4, what);
    int value = (int) INT.get(bytes, position);
    position += 4;
    return value;
  }

  long readLong(String what) {
    require(8, what);
    long value = (long) LONG.get(bytes, position);
    position += 8;
    return value;
  }

  /** A list's element count, checked against the bytes remaining before anything is allocated. */
  int readCount(String what) {
    int at = offset();
    int count = readInt(what);
    if (count < 0) {
      throw malformed(at, "negative " + what + " " + count);
    }
    if (count > remaining() / MIN_ELEMENT_BYTES) {
      throw malformed(at, what + " " + count + " does not fit in the " + remaining() + " bytes left");
    }
    return count;
  }

  String readString(String what) {
    int at = offset();
    if (remaining() < 4) {
      throw malformed(at, what + " length needs 4 bytes but only " + remaining() + " are left");
    }
    int length = readInt(what);
    if (length < 0) {
      return repeatedString(at, -1 - length, what);
    }
    if (length > remaining()) {
      throw malformed(
          at, what + " of " + length + " bytes does not fit in the " + remaining() + " bytes left");
    }
    String value = new String(bytes, position, length, UTF_8);
    position += length;
    strings.add(value);
    return value;
  }

  private String repeatedString(int at, int number, String what) {
    if (number >= strings.size()) {
      throw malformed(
          at, what + " repeats string #" + number + " but only " + strings.size() + " precede it");
    }
    return strings.get(number);
  }

  private void require(int bytes, String what) {
    if (bytes > remaining()) {
      throw malformed(
          offset(), what + " needs " + bytes + " bytes but only " + remaining() + " are left");
    }
  }

  StoreException malformed(int at, String problem) {
    return new StoreException(
        "Malformed journal batch at offset " + at + " of " + (end - start) + ": " + problem);
  }

  /** A component, or null for five empty strings (an error reported without one). */
  Component readComponent() {
    int at = offset();
    String typeName = readString("component type");
    String instanceId = readString("componentInstanceId");
    String contextId = readString("component contextId");
    String version = readString("component version");
    String cloudClientId = readString("component cloudClientId");
    if (typeName.isEmpty() && instanceId.isEmpty() && contextId.isEmpty() && version.isEmpty()) {
      return null;
    }
    ComponentType type = named(at, ComponentType.class, typeName, "component type");
    // A repeated string is the same object, so records of one install share one component again.
    Component last = lastComponent;
    if (last != null && last.componentType() == type && last.componentInstanceId() == instanceId
        && last.contextId() == contextId && last.version() == version && last.cloudClientId() == cloudClientId) {
      return last;
    }
    lastComponent = new Component(type, instanceId, contextId, version, cloudClientId);
    return lastComponent;
  }

  Instant readInstant() {
    int at = offset();
    long seconds = readLong("receivedAt seconds");
    int nanos = readInt("receivedAt nanos");
    if (seconds < Instant.MIN.getEpochSecond()
        || seconds > Instant.MAX.getEpochSecond()
        || nanos < 0
        || nanos > 999_999_999) {
      throw malformed(at, "receivedAt " + seconds + " s + " + nanos + " ns is not an Instant");
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  <E extends Enum<E>> E readEnum(Class<E> type, String what) {
    int at = offset();
    return named(at, type, readString(what), what);
  }

  <E extends Enum<E>> E named(int at, Class<E> type, String name, String what) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      String shown = name.length() <= 64 ? name : name.substring(0, 64) + "...";
      throw malformed(at, "unknown " + what + " '" + shown + "'");
    }
  }
}
