package org.nodeprocessexporter.web.config;

import org.nodeprocessexporter.config.YamlNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** Binds a web configuration file into {@link WebConfig}; reads no certificate. */
final class WebConfigParser {
    private static final Set<String> TOP = Set.of(
            "tls_server_config", "http_server_config", "basic_auth_users", "rate_limit");
    private static final Set<String> TLS = Set.of("cert", "key", "client_ca", "cert_file", "key_file",
            "client_auth_type", "client_ca_file", "client_allowed_sans", "min_version", "max_version",
            "cipher_suites", "prefer_server_cipher_suites", "curve_preferences");
    private static final Set<String> HTTP = Set.of("http2", "headers");
    private static final Set<String> RATE = Set.of("interval", "burst");

    private final Path file;
    private final YamlNodes<WebConfigException> yaml;

    private WebConfigParser(Path file) {
        this.file = file;
        this.yaml = new YamlNodes<>((line, problem) -> new WebConfigException(file, line, problem));
    }

    static WebConfig parse(Path file) throws WebConfigException {
        Path absolute = file.toAbsolutePath();
        return new WebConfigParser(absolute).parse(read(absolute));
    }

    static String read(Path file) throws WebConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WebConfigException(file, 0, "file does not exist");
        } catch (IOException e) {
            throw new WebConfigException(file, 0, "cannot read: " + e, e);
        }
    }

    private WebConfig parse(String text) throws WebConfigException {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new WebConfigException(file, line, "invalid YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new WebConfigException(file, 0, "invalid YAML: " + e.getMessage(), e);
        }
        Optional<TlsServerConfig> tls = Optional.empty();
        WebConfig.HttpServerConfig http = new WebConfig.HttpServerConfig(true, Map.of());
        Map<String, String> users = new LinkedHashMap<>();
        Map<String, Integer> userLines = new HashMap<>();
        Optional<WebConfig.RateLimit> rate = Optional.empty();
        if (root.isPresent() && !YamlNodes.isNull(root.get())) {
            for (var e : yaml.mapping(root.get(), "the web config", TOP).entrySet()) {
                Node v = e.getValue().getValueNode();
                if (YamlNodes.isNull(v)) {
                    continue;
                }
                switch (e.getKey()) {
                    case "tls_server_config" -> tls = tls(e.getValue());
                    case "http_server_config" -> http = http(v);
                    case "basic_auth_users" -> users(v, users, userLines);
                    default -> rate = rate(v);
                }
            }
        }
        return new WebConfig(file, tls, http, Map.copyOf(users), Map.copyOf(userLines), rate);
    }

    private Optional<TlsServerConfig> tls(NodeTuple section) throws WebConfigException {
        Map<String, Integer> lines = new HashMap<>();
        lines.put("tls_server_config", YamlNodes.line(section.getKeyNode()));
        Map<String, Node> v = new HashMap<>();
        for (var e : yaml.mapping(section.getValueNode(), "tls_server_config", TLS).entrySet()) {
            lines.put(e.getKey(), YamlNodes.line(e.getValue().getValueNode()));
            v.put(e.getKey(), e.getValue().getValueNode());
        }
        String cert = str(v, "cert");
        String key = str(v, "key");
        String clientCa = str(v, "client_ca");
        String certFile = str(v, "cert_file");
        String keyFile = str(v, "key_file");
        String caFile = str(v, "client_ca_file");
        String authName = str(v, "client_auth_type");
        List<String> protocols = protocols(v);
        List<String> suites = mapped(v, "cipher_suites", null, "unknown cipher suite");
        List<String> groups = mapped(v, "curve_preferences", GoTlsNames.CURVES, "unknown curve");
        boolean prefer = !v.containsKey("prefer_server_cipher_suites")
                || yaml.bool(v.get("prefer_server_cipher_suites"), "prefer_server_cipher_suites");
        List<String> sans = v.containsKey("client_allowed_sans") && !YamlNodes.isNull(v.get("client_allowed_sans"))
                ? List.copyOf(yaml.strings(v.get("client_allowed_sans"), "client_allowed_sans")) : null;

        boolean enabled = !(cert.isEmpty() && key.isEmpty() && clientCa.isEmpty() && certFile.isEmpty()
                && keyFile.isEmpty() && caFile.isEmpty() && authName.isEmpty());
        if (!enabled) {
            return Optional.empty(); // exporter-toolkit serves plain HTTP then
        }
        int sectionLine = lines.get("tls_server_config");
        if (cert.isEmpty() && certFile.isEmpty()) {
            throw new WebConfigException(file, sectionLine, "tls_server_config: missing one of cert or cert_file");
        }
        if (key.isEmpty() && keyFile.isEmpty()) {
            throw new WebConfigException(file, sectionLine, "tls_server_config: missing one of key or key_file");
        }
        ClientAuth auth = ClientAuth.fromGoName(authName);
        if (auth == null) {
            throw yaml.error(v.get("client_auth_type"), "invalid client_auth_type \"" + authName
                    + "\"; expected NoClientCert, RequestClientCert, RequireAnyClientCert, "
                    + "VerifyClientCertIfGiven or RequireAndVerifyClientCert");
        }
        boolean hasCa = !caFile.isEmpty() || !clientCa.isEmpty();
        int authLine = lines.getOrDefault("client_auth_type", sectionLine);
        if (hasCa && auth == ClientAuth.NO_CLIENT_CERT) {
            throw new WebConfigException(file, lines.getOrDefault("client_ca_file", lines.getOrDefault("client_ca", sectionLine)),
                    "client CA's have been configured without a Client Auth Policy (client_auth_type)");
        }
        if (!hasCa && auth.verified()) {
            throw new WebConfigException(file, authLine,
                    "client_auth_type " + auth.goName() + " needs client_ca_file (or client_ca) to verify against");
        }
        if (sans != null && !auth.required()) {
            throw new WebConfigException(file, lines.get("client_allowed_sans"), "client_allowed_sans requires "
                    + "client_auth_type to be one of RequireAnyClientCert or RequireAndVerifyClientCert");
        }
        return Optional.of(new TlsServerConfig(nullIfEmpty(cert), nullIfEmpty(key), nullIfEmpty(clientCa),
                resolve(certFile), resolve(keyFile), resolve(caFile), auth, sans, protocols,
                suites, groups, prefer, Map.copyOf(lines)));
    }

    private List<String> protocols(Map<String, Node> v) throws WebConfigException {
        int min = version(v, "min_version", "TLS12");
        int max = version(v, "max_version", "TLS13");
        if (min > max) {
            throw yaml.error(v.get("min_version"), "min_version is above max_version");
        }
        return GoTlsNames.PROTOCOL_ORDER.subList(min, max + 1);
    }

    private int version(Map<String, Node> v, String key, String dflt) throws WebConfigException {
        String name = str(v, key);
        String jsse = GoTlsNames.VERSIONS.get(name.isEmpty() ? dflt : name);
        if (jsse == null) {
            throw yaml.error(v.get(key), "unknown TLS version: " + name + "; expected TLS10, TLS11, TLS12 or TLS13");
        }
        return GoTlsNames.PROTOCOL_ORDER.indexOf(jsse);
    }

    /** A list of Go names translated through {@code names}; null means the cipher suite list. */
    private List<String> mapped(Map<String, Node> v, String key, Map<String, String> names, String problem)
            throws WebConfigException {
        if (!v.containsKey(key)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : yaml.strings(v.get(key), key)) {
            String jsse = names == null ? (GoTlsNames.CIPHER_SUITES.contains(s) ? s : null) : names.get(s);
            if (jsse == null) {
                throw yaml.error(v.get(key), problem + ": " + s);
            }
            out.add(jsse);
        }
        return List.copyOf(out);
    }

    private WebConfig.HttpServerConfig http(Node node) throws WebConfigException {
        boolean http2 = true;
        Map<String, String> headers = Map.of();
        for (var e : yaml.mapping(node, "http_server_config", HTTP).entrySet()) {
            Node v = e.getValue().getValueNode();
            if (e.getKey().equals("http2")) {
                http2 = yaml.bool(v, "http2");
            } else if (!YamlNodes.isNull(v)) {
                headers = SecurityHeaders.validate(yaml, yaml.mapping(v, "headers", null));
            }
        }
        return new WebConfig.HttpServerConfig(http2, headers);
    }

    private void users(Node node, Map<String, String> users, Map<String, Integer> lines) throws WebConfigException {
        for (var e : yaml.mapping(node, "basic_auth_users", null).entrySet()) {
            Node v = e.getValue().getValueNode();
            String hash = yaml.string(v, "the password hash of " + e.getKey());
            if (!BcryptHashes.isValid(hash)) {
                throw yaml.error(v, "basic_auth_users: the password of \"" + e.getKey()
                        + "\" is not a bcrypt hash ($2a$, $2b$ or $2y$ with cost 4-31)");
            }
            users.put(e.getKey(), hash);
            lines.put(e.getKey(), YamlNodes.line(v));
        }
    }

    private Optional<WebConfig.RateLimit> rate(Node node) throws WebConfigException {
        java.time.Duration interval = java.time.Duration.ZERO;
        int burst = 0;
        for (var e : yaml.mapping(node, "rate_limit", RATE).entrySet()) {
            Node v = e.getValue().getValueNode();
            if (e.getKey().equals("burst")) {
                burst = yaml.integer(v, "rate_limit.burst");
            } else {
                String text = yaml.string(v, "rate_limit.interval");
                try {
                    interval = org.nodeprocessexporter.cli.GoDuration.parse(text);
                } catch (IllegalArgumentException ex) {
                    interval = null;
                }
                if (interval == null || interval.isNegative()) {
                    throw yaml.error(v, "rate_limit.interval: invalid duration \"" + text + "\"");
                }
            }
        }
        return interval.isZero() ? Optional.empty() : Optional.of(new WebConfig.RateLimit(interval, burst));
    }

    private String str(Map<String, Node> v, String key) throws WebConfigException {
        Node n = v.get(key);
        return n == null ? "" : yaml.string(n, key);
    }

    private Path resolve(String path) {
        return path.isEmpty() ? null : file.getParent().resolve(path).normalize();
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }
}
