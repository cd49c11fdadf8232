/**
 * What every instance of the service on one PostgreSQL shares so that they spend as one: the upstream rate limit, the
 * account breaker and the upstream calls in flight. Plain SQL on the reactive pool, one statement per decision.
 */
package com.xhsgraph.cluster;
