/** HTTP API of the node. */
@CheckReturnValue
package io.tickmesh.api;

import com.google.errorprone.annotations.CheckReturnValue;
