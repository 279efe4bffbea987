package io.modelops.runtime.http;

import java.time.Duration;

/**
 * Per-connection limits of the HTTP server.
 *
 * @param maxBodyBytes largest request body (413 above)
 * @param readTimeout longest time from a request's first byte until it has been read completely
 * @param idleTimeout longest time a connection may stay open with nothing to read or answer
 * @param maxConnections open connections at most; further ones get a 503 and are closed
 */
public record HttpLimits(
    int maxBodyBytes, Duration readTimeout, Duration idleTimeout, int maxConnections) {}
