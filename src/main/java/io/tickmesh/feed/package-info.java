/** Feed adapters (TCP JSON lines, simulator) and the tick parser. */
@CheckReturnValue
package io.tickmesh.feed;

import com.google.errorprone.annotations.CheckReturnValue;
