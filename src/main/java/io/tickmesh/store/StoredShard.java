package io.tickmesh.store;

/** A shard as the store knows it: this node's ownership epoch, and its last durable checkpoint or none. */
public record StoredShard(int shard, long epoch, long checkpointId, byte[] state) {}
