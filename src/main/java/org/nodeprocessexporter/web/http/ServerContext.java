package org.nodeprocessexporter.web.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A path prefix of the server and what serves it: authenticator, filters, handler. */
final class ServerContext extends HttpContext {
    private final String path;
    private final HttpServer server;
    // copy-on-write: filters may be added while connections run the chain
    private final List<Filter> filters = new CopyOnWriteArrayList<>();
    private final Map<String, Object> attributes = Collections.synchronizedMap(new HashMap<>());
    private volatile HttpHandler handler;
    private volatile Authenticator authenticator;

    ServerContext(String path, HttpHandler handler, HttpServer server) {
        this.path = path;
        this.handler = handler;
        this.server = server;
    }

    /** The authenticator first, as in the JDK server, then the filters, then the handler. */
    void serve(Exchange exchange) throws IOException {
        Authenticator auth = authenticator;
        if (auth != null) {
            Authenticator.Result result = auth.authenticate(exchange);
            if (result instanceof Authenticator.Success success) {
                exchange.principal(success.getPrincipal());
            } else if (result instanceof Authenticator.Failure failure) {
                exchange.sendResponseHeaders(failure.getResponseCode(), -1);
                return;
            } else if (result instanceof Authenticator.Retry retry) {
                exchange.sendResponseHeaders(retry.getResponseCode(), -1);
                return;
            }
        }
        HttpHandler h = handler;
        if (h == null) {
            throw new IOException("no handler for context " + path);
        }
        new Filter.Chain(filters, h).doFilter(exchange);
    }

    @Override
    public HttpHandler getHandler() {
        return handler;
    }

    @Override
    public void setHandler(HttpHandler h) {
        if (h == null) {
            throw new NullPointerException("handler");
        }
        if (handler != null) {
            throw new IllegalArgumentException("handler already set");
        }
        handler = h;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public List<Filter> getFilters() {
        return filters;
    }

    @Override
    public Authenticator setAuthenticator(Authenticator auth) {
        Authenticator old = authenticator;
        authenticator = auth;
        return old;
    }

    @Override
    public Authenticator getAuthenticator() {
        return authenticator;
    }
}
