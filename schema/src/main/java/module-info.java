/** The wire types shared by the Pulse client SDK and server: components, events, errors. */
module dev.pulse.schema {
  exports dev.pulse.schema;
}
