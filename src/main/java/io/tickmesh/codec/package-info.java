/** Event-bus codecs, addresses and the JSON views of the model used at the edges. */
@CheckReturnValue
package io.tickmesh.codec;

import com.google.errorprone.annotations.CheckReturnValue;
