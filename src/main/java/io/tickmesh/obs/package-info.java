/** Observability: counters, health and logging context. */
@CheckReturnValue
package io.tickmesh.obs;

import com.google.errorprone.annotations.CheckReturnValue;
