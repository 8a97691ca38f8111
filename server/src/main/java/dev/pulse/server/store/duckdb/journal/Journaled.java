package dev.pulse.server.store.duckdb.journal;

import dev.pulse.server.store.RecordBatch;

/**
 * One request's records, on disk in the journal and waiting to be applied: either as the batch the
 * request journaled ({@code batch}), which the applier takes as it is, or as its journal encoding
 * ({@code payload}), which the applier decodes. The writer gives both; the applier's queue keeps one.
 *
 * @param bytes the size of its journal encoding, which the backlog counts either way
 */
record Journaled(long firstSeq, int records, int bytes, RecordBatch batch, byte[] payload) {

  long lastSeq() {
    return firstSeq + records - 1;
  }

  /** The records, decoded from the payload if the batch was not kept. */
  RecordBatch recordBatch() {
    return batch != null ? batch : BatchCodec.decode(payload, 0, payload.length);
  }

  /** The same entry holding only its encoding. */
  Journaled encodedOnly() {
    return batch == null ? this : new Journaled(firstSeq, records, bytes, null, payload);
  }

  /** The same entry holding only its batch. */
  Journaled batchOnly() {
    return payload == null ? this : new Journaled(firstSeq, records, bytes, batch, null);
  }
}
