package dev.pulse.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.pulse.server.web.ErrorMessages;
import java.util.stream.Collectors;

/**
 * Says, in our words, which field of a request body has the wrong shape and what it must be, from
 * Jackson's mapping failure (whose own message names Java classes). Stateless.
 */
final class RequestShape {

  private RequestShape() {}

  /** E.g. {@code "variables" must be an object}, or {@code it must be an object} for the body. */
  static String describe(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return "it has the wrong shape";
    }
    String field =
        mapping.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."));
    String rule = "has the wrong type";
    if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      rule = "must be " + ErrorMessages.typeWord(mismatch.getTargetType().getName());
    }
    if (field.isEmpty()) {
      return "the body " + rule;
    }
    return "\"" + field + "\" " + rule;
  }
}
