package dev.pulse.server.ingest;

import dev.pulse.schema.Suggestions;
import dev.pulse.server.web.ErrorMessages;
import graphql.GraphQLContext;
import graphql.execution.TypeFromAST;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names the variable value graphql-java refused, and what it must be: e.g.
 * {@code telemetries[0].data.count must be a whole number, got 1.5}, {@code telemetries[0].data.eventType
 * must be one of the 31 EventType names (...), got the string "NOPE"}, {@code telemetries[0].data has
 * no member "x"; its members are ...}, {@code t is required and may not be null}. graphql-java's own
 * messages ("Variable 'telemetries' has an invalid value: Expected a value that can be converted to
 * type 'Int' but it was a 'Double'") name the variable, not the field, and a Java class, not the value.
 * Runs only on a request graphql-java already refused: it walks the variables along their declared
 * types and asks each scalar's own coercion, so it finds exactly what graphql-java refused.
 * Stateless and thread-safe.
 */
final class VariableFaults {

  private VariableFaults() {}

  /**
   * The first value the variables hold that its declared type refuses (a scalar of the wrong kind,
   * a name no enum has, a member an input object lacks, a null or a missing value where one is
   * required), or null when there is none.
   */
  static InputViolation find(GraphQLSchema schema, GraphQlRequest request, ParserOptions options) {
    Map<String, Object> variables = request.variables() == null ? Map.of() : request.variables();
    Document document = parse(request, options);
    if (document == null) {
      return null;
    }
    for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
      if (request.operationName() != null && !request.operationName().equals(operation.getName())) {
        continue;
      }
      for (VariableDefinition variable : operation.getVariableDefinitions()) {
        GraphQLType type = TypeFromAST.getTypeFromAST(schema, variable.getType());
        String name = ErrorMessages.cut(variable.getName()); // the client's name, a path's start
        InputViolation fault = variables.containsKey(variable.getName())
            ? walk(type, variables.get(variable.getName()), name)
            : variable.getDefaultValue() == null ? walk(type, null, name) : null;
        if (fault != null) {
          return fault;
        }
      }
    }
    return null;
  }

  /** The request's query parsed as graphql-java parsed it, or null when it is not GraphQL. */
  static Document parse(GraphQlRequest request, ParserOptions options) {
    try {
      return Parser.parse(ParserEnvironment.newParserEnvironment()
          .document(request.query()).parserOptions(options).build());
    } catch (InvalidSyntaxException e) {
      return null;
    }
  }

  private static InputViolation walk(GraphQLType type, Object value, String path) {
    if (type instanceof GraphQLNonNull nonNull) {
      return value == null ? violation(path, path + " is required and may not be null")
          : walk(nonNull.getWrappedType(), value, path);
    }
    if (value == null || type == null) {
      return null;
    }
    if (type instanceof GraphQLList list) {
      if (!(value instanceof List<?> items)) {
        return walk(list.getWrappedType(), value, path); // one value stands for a list of one
      }
      for (int i = 0; i < items.size(); i++) {
        InputViolation fault = walk(list.getWrappedType(), items.get(i), path + "[" + i + "]");
        if (fault != null) {
          return fault;
        }
      }
      return null;
    }
    if (type instanceof GraphQLInputObjectType object) {
      return object(object, value, path);
    }
    if (type instanceof GraphQLEnumType enumType) {
      try {
        enumType.parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
        return null;
      } catch (CoercingParseValueException e) {
        String meant = value instanceof String name ? Suggestions.question(name, enumType.getValues().stream()
            .map(GraphQLEnumValueDefinition::getName).toList()) : "";
        return violation(path, path + " must be " + names(enumType) + ", got " + shown(value) + meant);
      }
    }
    if (type instanceof GraphQLScalarType scalar) {
      try {
        scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
        return null;
      } catch (CoercingParseValueException e) {
        return violation(path, path + " must be " + expected(scalar.getName(), value) + ", got " + shown(value));
      }
    }
    return null;
  }

  private static InputViolation object(GraphQLInputObjectType object, Object value, String path) {
    if (!(value instanceof Map<?, ?> members)) {
      return violation(path, path + " must be an object, got " + shown(value));
    }
    for (Object name : members.keySet()) {
      if (object.getField(String.valueOf(name)) == null) {
        List<String> known = object.getFieldDefinitions().stream().map(GraphQLInputObjectField::getName).toList();
        // The client's name, a path's end: cut as the message cuts it, so that the field stays short too.
        String given = String.valueOf(name);
        return violation(path + "." + ErrorMessages.cut(given), path + " has no member " + quoted(given)
            + Suggestions.question(given, known) + "; its members are " + String.join(", ", known));
      }
    }
    for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
      if (members.containsKey(field.getName()) || field.getInputFieldDefaultValue().isNotSet()) {
        InputViolation fault = walk(field.getType(), members.get(field.getName()), path + "." + field.getName());
        if (fault != null) {
          return fault;
        }
      }
    }
    return null;
  }

  /** The names an enum takes, in words: all of a few, the first of many. */
  static String names(GraphQLEnumType type) {
    List<String> names = type.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList();
    return names.size() <= 8
        ? "one of " + String.join(", ", names)
        : "one of the " + names.size() + " " + type.getName() + " names ("
            + String.join(", ", names.subList(0, 3)) + ", ...)";
  }

  static InputViolation violation(String field, String message) {
    return new InputViolation("BAD_USER_INPUT", field, message);
  }

  static String expected(String scalar, Object value) {
    return switch (scalar) {
      case "Int" -> integral(value)
          ? "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
          : "a whole number";
      case "Float" -> "a number";
      case "String" -> "a string";
      case "Boolean" -> "true or false";
      case "ID" -> "a string or a whole number";
      default -> "a valid " + scalar;
    };
  }

  private static boolean integral(Object value) {
    if (!(value instanceof Number number)) {
      return false;
    }
    try {
      new BigDecimal(number.toString()).toBigIntegerExact();
      return true;
    } catch (ArithmeticException | NumberFormatException e) {
      return false;
    }
  }

  /** The text in double quotes, cut to 64 characters, its quotes and backslashes escaped. */
  static String quoted(String text) {
    return "\"" + ErrorMessages.cut(text).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The value as the client wrote it, near enough: a string quoted and cut, a structure by its kind. */
  private static String shown(Object value) {
    if (value instanceof String text) {
      return "the string " + quoted(text);
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    String text = value instanceof JsonValues.Written written ? written.text() : String.valueOf(value);
    return ErrorMessages.cut(text);
  }
}
