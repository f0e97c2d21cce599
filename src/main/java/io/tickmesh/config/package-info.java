/** Immutable configuration records, read once through vertx-config and validated. */
@CheckReturnValue
package io.tickmesh.config;

import com.google.errorprone.annotations.CheckReturnValue;
