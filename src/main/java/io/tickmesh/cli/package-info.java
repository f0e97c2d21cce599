/** The picocli command line: node, replay, sim, bench. */
@CheckReturnValue
package io.tickmesh.cli;

import com.google.errorprone.annotations.CheckReturnValue;
