package dev.pulse.server.ingest;

import dev.pulse.schema.Suggestions;
import dev.pulse.server.web.ErrorMessages;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.TypeFromAST;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.ParserOptions;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Names the value written inline in the query (a literal: an argument's value or a variable's
 * default) that its type refuses, in {@link VariableFaults}' words and with the value as written in
 * GraphQL: e.g. {@code telemetries[0].data.eventType must be one of the 31 EventType names (...), got
 * BOGUS}, {@code telemetries[0].data has no member "bogus"; its members are ...}. graphql-java's own
 * messages dump its syntax tree ("with value 'EnumValue{name='BOGUS'}'"), often the whole argument's,
 * cut before the reason. Runs only on a query graphql-java already refused: it walks each literal
 * along its type and asks each scalar and enum its own literal rule, so it finds what graphql-java
 * refused. Stateless and thread-safe.
 */
final class LiteralFaults {

  private LiteralFaults() {}

  /**
   * The faults of the query's literals, in the query's order, each under the place graphql-java's
   * error points at (an argument, a variable or its default value); empty when there is none.
   */
  static Map<SourceLocation, InputViolation> find(GraphQLSchema schema, GraphQlRequest request, ParserOptions options) {
    Document document = VariableFaults.parse(request, options);
    if (document == null) {
      return Map.of();
    }
    Map<SourceLocation, InputViolation> faults = new LinkedHashMap<>();
    for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
      for (VariableDefinition variable : operation.getVariableDefinitions()) {
        if (variable.getDefaultValue() != null) {
          GraphQLType type = TypeFromAST.getTypeFromAST(schema, variable.getType());
          InputViolation fault = walk(type, variable.getDefaultValue(), ErrorMessages.cut(variable.getName()));
          add(faults, variable.getDefaultValue().getSourceLocation(), fault);
          add(faults, variable.getSourceLocation(), fault);
        }
      }
      GraphQLType root = switch (operation.getOperation()) {
        case MUTATION -> schema.getMutationType();
        case SUBSCRIPTION -> schema.getSubscriptionType();
        default -> schema.getQueryType();
      };
      directives(schema, operation.getDirectives(), faults);
      selections(schema, root, operation.getSelectionSet(), faults);
    }
    for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
      selections(schema, schema.getType(fragment.getTypeCondition().getName()), fragment.getSelectionSet(), faults);
    }
    return faults;
  }

  /** The fault at {@code at}, else the first, or null when there is none. */
  static InputViolation at(Map<SourceLocation, InputViolation> faults, List<SourceLocation> at) {
    InputViolation there = at == null || at.isEmpty() ? null : faults.get(at.get(0));
    return there != null ? there : faults.values().stream().findFirst().orElse(null);
  }

  private static void add(Map<SourceLocation, InputViolation> faults, SourceLocation at, InputViolation fault) {
    if (fault != null) {
      faults.putIfAbsent(at, fault);
    }
  }

  private static void selections(
      GraphQLSchema schema, GraphQLType parent, SelectionSet set, Map<SourceLocation, InputViolation> faults) {
    if (set == null) {
      return;
    }
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof DirectivesContainer<?> marked) {
        directives(schema, marked.getDirectives(), faults);
      }
      if (selection instanceof InlineFragment inline) {
        GraphQLType type =
            inline.getTypeCondition() == null ? parent : schema.getType(inline.getTypeCondition().getName());
        selections(schema, type, inline.getSelectionSet(), faults);
      } else if (selection instanceof Field field && parent instanceof GraphQLFieldsContainer container
          && container.getFieldDefinition(field.getName()) != null) {
        GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
        arguments(field.getArguments(), definition::getArgument, "", faults);
        selections(schema, GraphQLTypeUtil.unwrapAll(definition.getType()), field.getSelectionSet(), faults);
      }
    }
  }

  /** A directive's arguments, each named as in {@code @skip(if:)}. */
  private static void directives(
      GraphQLSchema schema, List<Directive> directives, Map<SourceLocation, InputViolation> faults) {
    for (Directive directive : directives) {
      GraphQLDirective declared = schema.getDirective(directive.getName());
      if (declared != null) {
        arguments(directive.getArguments(), declared::getArgument, "@" + directive.getName(), faults);
      }
    }
  }

  private static void arguments(List<Argument> arguments, Function<String, GraphQLArgument> declared, String directive,
      Map<SourceLocation, InputViolation> faults) {
    for (Argument argument : arguments) {
      GraphQLArgument type = declared.apply(argument.getName());
      if (type != null) {
        String path = directive.isEmpty() ? type.getName() : directive + "(" + type.getName() + ":)";
        add(faults, argument.getSourceLocation(), walk(type.getType(), argument.getValue(), path));
      }
    }
  }

  /** The first fault of {@code value} (null: left out) as a {@code type}, or null. */
  private static InputViolation walk(GraphQLType type, Value<?> value, String path) {
    Value<?> given = value instanceof NullValue ? null : value;
    if (type instanceof GraphQLNonNull nonNull) {
      return given == null ? VariableFaults.violation(path, path + " is required and may not be null")
          : walk(nonNull.getWrappedType(), given, path);
    }
    if (given == null || type == null || given instanceof VariableReference) {
      return null; // a variable's value is checked where the variables are coerced
    }
    if (type instanceof GraphQLList list) {
      List<Value> items = given instanceof ArrayValue array ? array.getValues() : List.of(given);
      for (int i = 0; i < items.size(); i++) {
        String at = given instanceof ArrayValue ? path + "[" + i + "]" : path; // one value stands for a list of one
        InputViolation fault = walk(list.getWrappedType(), items.get(i), at);
        if (fault != null) {
          return fault;
        }
      }
      return null;
    }
    if (type instanceof GraphQLInputObjectType object) {
      return object(object, given, path);
    }
    if (type instanceof GraphQLEnumType enumType) {
      try {
        enumType.parseLiteral(given, GraphQLContext.getDefault(), Locale.ROOT);
        return null;
      } catch (CoercingParseLiteralException e) {
        return VariableFaults.violation(path, path + " must be " + VariableFaults.names(enumType) + ", got "
            + shown(given) + meant(enumType, given));
      }
    }
    if (type instanceof GraphQLScalarType scalar) {
      try {
        scalar.getCoercing().parseLiteral(given, CoercedVariables.emptyVariables(), GraphQLContext.getDefault(),
            Locale.ROOT);
        return null;
      } catch (CoercingParseLiteralException e) {
        Object number = given instanceof IntValue whole ? whole.getValue() : null;
        return VariableFaults.violation(path, path + " must be " + VariableFaults.expected(scalar.getName(), number)
            + ", got " + shown(given));
      }
    }
    return null;
  }

  private static InputViolation object(GraphQLInputObjectType object, Value<?> value, String path) {
    if (!(value instanceof ObjectValue members)) {
      return VariableFaults.violation(path, path + " must be an object, got " + shown(value));
    }
    Map<String, Value> given = new LinkedHashMap<>();
    for (ObjectField member : members.getObjectFields()) {
      if (object.getField(member.getName()) == null) {
        List<String> known = object.getFieldDefinitions().stream().map(GraphQLInputObjectField::getName).toList();
        return VariableFaults.violation(path + "." + ErrorMessages.cut(member.getName()), path + " has no member "
            + VariableFaults.quoted(member.getName()) + Suggestions.question(member.getName(), known)
            + "; its members are " + String.join(", ", known));
      }
      given.putIfAbsent(member.getName(), member.getValue());
    }
    for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
      if (given.containsKey(field.getName()) || field.getInputFieldDefaultValue().isNotSet()) {
        InputViolation fault = walk(field.getType(), given.get(field.getName()), path + "." + field.getName());
        if (fault != null) {
          return fault;
        }
      }
    }
    return null;
  }

  /** The name meant, for an enum name misspelt or written as a string. */
  private static String meant(GraphQLEnumType type, Value<?> value) {
    List<String> names = type.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList();
    if (value instanceof EnumValue name) {
      return Suggestions.question(name.getName(), names);
    }
    return value instanceof StringValue text && names.contains(text.getValue())
        ? " (write an enum name without quotes)" : "";
  }

  /** The value as written in GraphQL: a name or number as it is, a string quoted and cut, a structure by its kind. */
  private static String shown(Value<?> value) {
    if (value instanceof StringValue text) {
      return "the string " + VariableFaults.quoted(text.getValue());
    }
    if (value instanceof ObjectValue) {
      return "an object";
    }
    if (value instanceof ArrayValue) {
      return "a list";
    }
    String written = value instanceof EnumValue name ? name.getName()
        : value instanceof IntValue whole ? whole.getValue().toString()
        : value instanceof FloatValue number ? number.getValue().toString()
        : value instanceof BooleanValue truth ? String.valueOf(truth.isValue()) : "a value";
    return ErrorMessages.cut(written);
  }
}
