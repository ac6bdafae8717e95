package org.nodeprocessexporter.web.config;

/**
 * Go's {@code tls.ClientAuthType} as spelled in {@code client_auth_type}. "Request" and
 * "RequireAny" take any certificate without checking who signed it, exactly as in Go; only the
 * "Verify" policies check the chain against {@code client_ca_file}.
 */
public enum ClientAuth {
    NO_CLIENT_CERT("NoClientCert", false, false),
    REQUEST_CLIENT_CERT("RequestClientCert", false, false),
    REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", true, false),
    VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", false, true),
    REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", true, true);

    private final String goName;
    private final boolean required;
    private final boolean verified;

    ClientAuth(String goName, boolean required, boolean verified) {
        this.goName = goName;
        this.required = required;
        this.verified = verified;
    }

    public String goName() {
        return goName;
    }

    /** The handshake fails without a client certificate. */
    public boolean required() {
        return required;
    }

    /** The client certificate, if any, must chain to the client CA. */
    public boolean verified() {
        return verified;
    }

    /** The server asks for a certificate at all. */
    public boolean requested() {
        return this != NO_CLIENT_CERT;
    }

    /** @return null when the name is unknown; "" is Go's default, NoClientCert */
    static ClientAuth fromGoName(String name) {
        if (name.isEmpty()) {
            return NO_CLIENT_CERT;
        }
        if (name.equals("RequireClientCert")) { // kept by exporter-toolkit for old configs
            return REQUIRE_ANY_CLIENT_CERT;
        }
        for (ClientAuth c : values()) {
            if (c.goName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
