package dev.pulse.server.errorjson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.pulse.schema.ReportedError;
import java.io.IOException;

/**
 * An error report shown in an answer (the error analysis' {@code sample}). Any Jackson mapper writes it
 * as {@link ReportedErrorJson#write(JsonGenerator, ReportedError)} does, one error after the other,
 * never recursively as it writes a tree (a chain of thousands would overflow the stack or the
 * mapper's nesting bound); {@link #toString} is the same JSON text, for a CSV cell or a table.
 */
public record ErrorSample(ReportedError error) implements JsonSerializable {

  @Override
  public void serialize(JsonGenerator out, SerializerProvider serializers) throws IOException {
    ReportedErrorJson.write(out, error);
  }

  @Override
  public void serializeWithType(JsonGenerator out, SerializerProvider serializers, TypeSerializer type)
      throws IOException {
    serialize(out, serializers);
  }

  /** The error as compact JSON, as {@link ReportedErrorJson#write(ReportedError)} gives it. */
  @Override
  public String toString() {
    return ReportedErrorJson.write(error);
  }
}
