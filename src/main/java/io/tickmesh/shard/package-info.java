/** Shard verticles and the pure single-threaded per-symbol analytics they own. */
@CheckReturnValue
package io.tickmesh.shard;

import com.google.errorprone.annotations.CheckReturnValue;
