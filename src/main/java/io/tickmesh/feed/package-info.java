/** Feed adapters (TCP JSON lines, the WebSocket feed, simulator, ITCH) and the tick parser. */
@CheckReturnValue
package io.tickmesh.feed;

import com.google.errorprone.annotations.CheckReturnValue;
