package org.nodeprocessexporter.web.config;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client certificate policy of the configuration in force. As in Go, RequestClientCert and
 * RequireAnyClientCert accept any certificate unchecked; the Verify policies check the chain
 * against the client CAs; client_allowed_sans then needs one SAN to match exactly.
 */
final class ClientCertTrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NONE = new X509Certificate[0];
    private final LiveTls tls;

    ClientCertTrustManager(LiveTls tls) {
        this.tls = tls;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        TlsMaterial m = tls.current();
        if (m.clientAuth().verified()) {
            m.caVerifier().checkClientTrusted(chain, authType, engine);
        }
        checkSans(m, chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        TlsMaterial m = tls.current();
        if (m.clientAuth().verified()) {
            m.caVerifier().checkClientTrusted(chain, authType, socket);
        }
        checkSans(m, chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkClientTrusted(chain, authType, (Socket) null);
    }

    private static void checkSans(TlsMaterial m, X509Certificate[] chain) throws CertificateException {
        List<String> allowed = m.clientAllowedSans();
        if (allowed == null) {
            return;
        }
        List<String> found = sans(chain[0]);
        for (String san : found) {
            for (String a : allowed) {
                if (san.equals(a) || sameIp(san, a)) {
                    return;
                }
            }
        }
        throw new CertificateException("client certificate SANs " + found + " match none of client_allowed_sans");
    }

    private static List<String> sans(X509Certificate cert) throws CertificateParsingException {
        List<String> out = new ArrayList<>();
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        if (names != null) {
            for (List<?> n : names) {
                int type = (Integer) n.get(0);
                if (type == 1 || type == 2 || type == 6 || type == 7) { // email, DNS, URI, IP
                    out.add(String.valueOf(n.get(1)));
                }
            }
        }
        return out;
    }

    /** Java spells IPv6 SANs in full (0:0:0:0:0:0:0:1) where Go writes ::1. */
    private static boolean sameIp(String san, String allowed) {
        if (!san.contains(":") || !allowed.contains(":") || !isIpLiteral(san) || !isIpLiteral(allowed)) {
            return false;
        }
        try {
            return InetAddress.getByName(san).equals(InetAddress.getByName(allowed)); // literals only: no DNS
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String s) {
        return s.matches("[0-9a-fA-F:.]+");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        TlsMaterial m = tls.current();
        return m.clientAuth().verified() ? m.clientCas().clone() : NONE;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("server-side trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("server-side trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("server-side trust manager");
    }
}
