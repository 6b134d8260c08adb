package io.orderlens.analytics.redis;

/** State of the cache's circuit breaker in front of Redis. */
public enum BreakerState {
    /** Redis is used. */
    CLOSED,
    /** Redis failed repeatedly; every read and write skips it until the open period ends. */
    OPEN,
    /** The open period ended; one operation is probing Redis, the others still skip it. */
    HALF_OPEN
}
