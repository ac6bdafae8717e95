/**
 * The exporter's own HTTP/1.1 server, behind the public {@code com.sun.net.httpserver} API so
 * that handlers, filters and the web config's {@code HttpsConfigurator} work as on the JDK's.
 *
 * <h2>Why not the JDK's server</h2>
 * Its dispatcher thread wakes from {@code select(1000)} every second and an idle-timeout timer
 * runs every ten, with nothing to do: 5.7 ms of CPU an idle minute where node_exporter spends
 * 0.05 ms. Here nothing runs between requests.
 *
 * <h2>Threads</h2>
 * {@link org.nodeprocessexporter.web.http.BlockingHttpServer} has one acceptor thread,
 * {@code http-acceptor}, blocked in {@code accept()}. Each connection runs on a thread of the
 * server's executor (or a daemon thread of its own) for its whole life: TLS handshake, then
 * requests one after the other, blocked in a socket read in between. Its SO_TIMEOUT is the idle
 * timeout (120 s by default, longer than scrape intervals, so Prometheus keeps one connection)
 * between requests, and the remaining time of the header timeout (30 s) while a request head
 * arrives (for a new connection's first request, from the moment it is connected); a timeout
 * fires once, at its expiry.
 *
 * <h2>Pieces</h2>
 * {@code Acceptor} and {@code OpenConnections} (cap, stop); {@code Connection} (the loop) with
 * {@code DeadlineInputStream} (timeouts) and {@code TlsHandshake}; {@code RequestHeadReader} and
 * the pure {@code RequestHead} / {@code RequestTarget} parsers; {@code BodyFraming} and the body
 * streams; {@code Exchange} and {@code ResponseHead} (the JDK's {@code HttpExchange} semantics on
 * the wire); {@code ServerContext}; {@code TlsParameters}.
 */
package org.nodeprocessexporter.web.http;
