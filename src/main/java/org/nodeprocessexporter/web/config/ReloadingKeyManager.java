package org.nodeprocessexporter.web.config;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/** Server key manager that always offers the key pair of the configuration in force. */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private final LiveTls tls;

    ReloadingKeyManager(LiveTls tls) {
        this.tls = tls;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType);
    }

    private String choose(String keyType) {
        TlsMaterial m = tls.current();
        // JSSE asks once per key type it could use (RSA, RSASSA-PSS, EC, EdDSA); answer only the one we hold.
        return keyType.equals(m.key().getAlgorithm()) ? m.alias() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = choose(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        TlsMaterial m = tls.byAlias(alias);
        return m == null ? null : m.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        TlsMaterial m = tls.byAlias(alias);
        return m == null ? null : m.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
