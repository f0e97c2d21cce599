package io.tickmesh.model;

import java.util.List;

/**
 * Outputs of shards on one node, on their way to another node whose subscribers want them: each is an
 * output address and the JSON of the message published there. The receiving node publishes them to its
 * own (node-local) subscribers, so subscriptions never become cluster-wide registrations.
 */
public record RelayedOutputs(String fromNode, List<Output> outputs) {
  /** One published message: its address and its JSON text. */
  public record Output(String address, String json) {
    /** Both present. */
    public Output {
      if (address == null || address.isEmpty() || json == null) {
        throw new IllegalArgumentException("a relayed output needs an address and a body");
      }
    }
  }

  /** Copies the list. */
  public RelayedOutputs {
    if (fromNode == null || fromNode.isEmpty()) {
      throw new IllegalArgumentException("a relay needs its origin");
    }
    outputs = List.copyOf(outputs);
  }
}
