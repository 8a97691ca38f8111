package dev.pulse.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.Arrays;

/**
 * An input object's member names in the order the Go components write them. The name expected next
 * is matched on the body's raw bytes; any other name is read as usual, so the order is only a guess.
 * Immutable.
 */
final class MemberOrder {
  private final SerializableString[] names;

  MemberOrder(String... names) {
    this.names = Arrays.stream(names).map(SerializedString::new).toArray(SerializableString[]::new);
  }

  /** The name of the next member, the {@code position}-th read; null at the end of the object. */
  String next(JsonParser parser, int position) throws IOException {
    SerializableString expected = names[Math.min(position, names.length - 1)];
    if (parser.nextFieldName(expected)) {
      return expected.getValue();
    }
    return parser.currentToken() == JsonToken.FIELD_NAME ? parser.currentName() : null;
  }
}
