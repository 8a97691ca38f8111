package dev.pulse.schema;

/** Which component sent an event. The constant names are part of the wire format. */
public enum ComponentType {
  INTENTS_OPERATOR,
  CREDENTIALS_OPERATOR,
  NETWORK_MAPPER,
  CLI,
  NODE_AGENT
}
