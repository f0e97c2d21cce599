/** Exchange WebSocket protocols: one class per venue turning its messages into trades, quotes and books; pure, no Vert.x verticles. */
@com.google.errorprone.annotations.CheckReturnValue
package io.tickmesh.feed.venue;
