package dev.pulse.server.ingest;

/**
 * Where a value sits in the variables, rendered only when an error needs it: {@code base[index]}
 * then {@code segment}, then {@code causes} times {@code .cause}. An index below 0 renders none.
 */
record FieldPath(String base, int index, String segment, int causes) {

  /** The path of member {@code name} of the value here, e.g. {@code errors[0].cause.message}. */
  String field(String name) {
    return prefix() + "." + name;
  }

  /** The path of element {@code i} of the list member {@code list} of the value here. */
  FieldPath element(String list, int i) {
    return new FieldPath(prefix() + "." + list, i, "", 0);
  }

  private String prefix() {
    StringBuilder path = new StringBuilder(base);
    if (index >= 0) {
      path.append('[').append(index).append(']');
    }
    path.append(segment);
    for (int i = 0; i < causes; i++) {
      path.append(".cause");
    }
    return path.toString();
  }
}
