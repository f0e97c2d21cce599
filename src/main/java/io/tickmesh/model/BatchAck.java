package io.tickmesh.model;

import java.util.List;

/**
 * A shard's answer to a {@link TickBatch}: every tick of it was handled, {@code applied} of them applied
 * and the rest refused as {@code rejects} (late or duplicate). The effect is durable once the shard's
 * checkpoint {@code checkpointId} is; 0 means there is no store and the answer is final as it stands.
 */
public record BatchAck(long batchNo, int applied, List<Reject> rejects, long checkpointId) {
  /** Copies nothing: the shard hands over its list. */
  public BatchAck {
    if (applied < 0 || rejects == null) {
      throw new IllegalArgumentException("bad ack");
    }
  }
}
