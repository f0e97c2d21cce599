/** The node: start-up, deployment of the verticles, shutdown. */
@CheckReturnValue
package io.tickmesh.app;

import com.google.errorprone.annotations.CheckReturnValue;
