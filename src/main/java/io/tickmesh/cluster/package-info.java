/**
 * The cluster: membership, quorum, which node owns which shard (rendezvous hashing, a pure function of
 * the live view), and the claims that fence a shard's writes in PostgreSQL.
 */
@CheckReturnValue
package io.tickmesh.cluster;

import com.google.errorprone.annotations.CheckReturnValue;
