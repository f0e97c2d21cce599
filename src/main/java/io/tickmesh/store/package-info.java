/** PostgreSQL: the embedded server, schema migrations, the batched writer, history queries. */
@CheckReturnValue
package io.tickmesh.store;

import com.google.errorprone.annotations.CheckReturnValue;
