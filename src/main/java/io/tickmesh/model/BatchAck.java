package io.tickmesh.model;

import java.util.List;

/**
 * A shard's answer to a {@link TickBatch}: every tick of it was handled, {@code applied} of them applied
 * and the rest refused as {@code rejects} (late or duplicate). The effect is durable once the shard's
 * checkpoint {@code checkpointId} under ownership epoch {@code epoch} is; a checkpoint id of 0 means
 * there is no store and the answer is final as it stands. An answer is a promise under its epoch only:
 * if the shard moves to a later epoch before that checkpoint is durable, the ticks must be sent again.
 */
public record BatchAck(long batchNo, int applied, List<Reject> rejects, long epoch, long checkpointId) {
  /** Copies nothing: the shard hands over its list. */
  public BatchAck {
    if (applied < 0 || rejects == null || epoch < 0 || checkpointId < 0) {
      throw new IllegalArgumentException("bad ack");
    }
  }
}
