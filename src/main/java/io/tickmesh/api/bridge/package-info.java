/** Event-bus bridges to subscribers: SockJS on the HTTP port and TCP, with per-client flow control. */
@CheckReturnValue
package io.tickmesh.api.bridge;

import com.google.errorprone.annotations.CheckReturnValue;
