/**
 * node_exporter's {@code --web.config.file}: the Prometheus exporter-toolkit web configuration
 * (TLS, client certificates, basic auth, security headers, rate limit) for a
 * {@code com.sun.net.httpserver} server: ours, {@code web.http.BlockingHttpServer}.
 *
 * <h2>Plugging it in</h2>
 * <pre>{@code
 * WebSecurity web = WebSecurity.load(Path.of(flag), log::warn);   // WebConfigException: exit 1
 * for (InetSocketAddress address : listenAddresses) {
 *     HttpServer server = web.createServer(address, 0);           // HttpsServer when TLS is on
 *     server.createContext("/", landingPage).getFilters().add(web.filter());
 *     server.createContext("/metrics", metrics).getFilters().add(web.filter());
 *     server.start();
 * }
 * // on SIGHUP: web.reload();   (false = rejected and reported; the old version stays)
 * }</pre>
 * Every HttpContext needs the filter. Without {@code --web.config.file} do not use this package.
 *
 * <h2>Public surface</h2>
 * {@link org.nodeprocessexporter.web.config.WebSecurity} ({@code load}, {@code tlsEnabled},
 * {@code createServer}, {@code httpsConfigurator}, {@code filter}, {@code reload},
 * {@code checkForChanges}, {@code config}), the records {@code WebConfig} and
 * {@code TlsServerConfig}, {@code ClientAuth}, and {@code WebConfigException}, whose message is
 * one line: {@code web config FILE:LINE: problem}.
 *
 * <h2>Behaviour, as in exporter-toolkit</h2>
 * <ul>
 * <li>Same keys and meanings; unknown keys, duplicate keys and wrong types are errors. Relative
 *     paths are relative to the config file's directory. TLS is on when any of cert, key,
 *     client CA or client_auth_type is set.</li>
 * <li>Changes to the file or to the certificate, key and CA files it names take effect without
 *     restart: each request and each new connection stats those files. Turning TLS on or off
 *     needs a restart: whether a server speaks TLS is fixed when it is created.</li>
 * <li>An unknown user costs one bcrypt run against a dummy hash of the users' highest cost;
 *     successful checks are cached; at most two bcrypt runs at once, and a request waiting more
 *     than 5 s for one gets 503.</li>
 * </ul>
 *
 * <h2>JDK limits</h2>
 * <ul>
 * <li>{@code http2} is accepted and ignored: our server speaks HTTP/1.1 only.</li>
 * <li>{@code curve_preferences} is validated, but SSLParameters.setNamedGroups only exists from
 *     Java 20; on Java 17 a warning says to start the JVM with {@code -Djdk.tls.namedGroups}.</li>
 * <li>TLS 1.0 and 1.1 are accepted in min_version but disabled by the JDK's
 *     {@code jdk.tls.disabledAlgorithms}; a warning says so.</li>
 * <li>client_auth_type Verify* without a client CA is an error here, where Go would fall back
 *     to the system roots.</li>
 * </ul>
 */
package org.nodeprocessexporter.web.config;
