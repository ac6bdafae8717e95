package org.nodeprocessexporter.web;

import java.net.InetSocketAddress;
import org.nodeprocessexporter.cli.UsageException;

/**
 * A {@code --web.listen-address} value as Go's net.Listen reads it: {@code :9100} (every interface,
 * IPv4 and IPv6), {@code host:9100}, {@code 127.0.0.1:9100}, {@code [::1]:9100}.
 */
public final class ListenAddress {
    private ListenAddress() {
    }

    public static InetSocketAddress parse(String text) throws UsageException {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new UsageException("invalid listen address \"" + text + "\": missing port");
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new UsageException("invalid listen address \"" + text + "\": invalid port \"" + portText + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("invalid listen address \"" + text + "\": port out of range");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new UsageException("invalid listen address \"" + text + "\": IPv6 addresses need brackets");
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
