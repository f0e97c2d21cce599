/** Immutable domain records (ticks, quotes, bars, rejects, batches) and exact decimals; no Vert.x here. */
@CheckReturnValue
package io.tickmesh.model;

import com.google.errorprone.annotations.CheckReturnValue;
