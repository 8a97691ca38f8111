package dev.pulse.server.ingest;

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
 * Names the variable value graphql-java refused as the wrong scalar, and what it must be: e.g.
 * {@code telemetries[0].data.count must be a whole number, got 1.5}. graphql-java's own message
 * ("Variable 'telemetries' has an invalid value: Expected a value that can be converted to type
 * 'Int' but it was a 'Double'") names the variable, not the field, and a Java class, not the value.
 * Runs only on a request graphql-java already refused: it walks the variables along their declared
 * types and asks each scalar's own coercion, so it finds exactly what graphql-java refused.
 * Stateless and thread-safe.
 */
final class VariableFaults {

  private VariableFaults() {}

  /** The first scalar the variables hold that its type refuses, or null when there is none. */
  static InputViolation find(GraphQLSchema schema, GraphQlRequest request, ParserOptions options) {
    if (request.variables() == null) {
      return null;
    }
    Document document;
    try {
      document = Parser.parse(ParserEnvironment.newParserEnvironment()
          .document(request.query()).parserOptions(options).build());
    } catch (InvalidSyntaxException e) {
      return null;
    }
    for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
      if (request.operationName() != null && !request.operationName().equals(operation.getName())) {
        continue;
      }
      for (VariableDefinition variable : operation.getVariableDefinitions()) {
        if (request.variables().containsKey(variable.getName())) {
          GraphQLType type = TypeFromAST.getTypeFromAST(schema, variable.getType());
          InputViolation fault = walk(type, request.variables().get(variable.getName()), variable.getName());
          if (fault != null) {
            return fault;
          }
        }
      }
    }
    return null;
  }

  private static InputViolation walk(GraphQLType type, Object value, String path) {
    if (value == null || type == null) {
      return null; // a null where none may be is graphql-java's to name: it gives the path
    }
    if (type instanceof GraphQLNonNull nonNull) {
      return walk(nonNull.getWrappedType(), value, path);
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
    if (type instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> members) {
      for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
        InputViolation fault = walk(field.getType(), members.get(field.getName()), path + "." + field.getName());
        if (fault != null) {
          return fault;
        }
      }
      return null;
    }
    if (type instanceof GraphQLScalarType scalar) {
      try {
        scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
        return null;
      } catch (CoercingParseValueException e) {
        return new InputViolation("BAD_USER_INPUT", path,
            path + " must be " + expected(scalar.getName(), value)
            + ", got " + shown(value));
      }
    }
    return null; // enums and objects given the wrong shape: graphql-java's message names them
  }

  private static String expected(String scalar, Object value) {
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

  /** The value as the client wrote it, near enough: a string quoted and cut, a structure by its kind. */
  private static String shown(Object value) {
    if (value instanceof String text) {
      String cut = text.length() <= 64 ? text : text.substring(0, 64) + "…";
      return "the string \"" + cut.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    String text = value instanceof JsonValues.Written written ? written.text() : String.valueOf(value);
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }
}
