package org.nodeprocessexporter.web.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys from PEM text, as Go's tls.X509KeyPair reads them: PKCS#8
 * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} and SEC1 {@code EC PRIVATE KEY}. The JDK
 * only reads PKCS#8, so the other two are wrapped into a PKCS#8 structure by hand (a few bytes
 * of DER) instead of pulling in Bouncy Castle.
 */
final class PemReader {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS", "XDH", "DSA"};

    private PemReader() {
    }

    static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                byte[] der = body(m);
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        }
        if (certs.isEmpty()) {
            throw new CertificateException("no CERTIFICATE block found in PEM data");
        }
        return certs;
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(body(m));
                case "RSA PRIVATE KEY":
                    return pkcs8(der(0x30, concat(hex("020100"), RSA_ALGORITHM, der(0x04, body(m)))));
                case "EC PRIVATE KEY":
                    byte[] sec1 = body(m);
                    byte[] algorithm = der(0x30, concat(EC_PUBLIC_KEY_OID, sec1CurveOid(sec1)));
                    return pkcs8(der(0x30, concat(hex("020100"), algorithm, der(0x04, sec1))));
                case "ENCRYPTED PRIVATE KEY":
                    throw new GeneralSecurityException("encrypted private keys are not supported");
                default:
                    // EC PARAMETERS and certificates may share the file; Go skips them too.
            }
        }
        throw new GeneralSecurityException("no private key block (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) found in PEM data");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException notThisOne) {
                // try the next algorithm: PKCS#8 names it only by OID
            }
        }
        throw new GeneralSecurityException("unsupported or malformed private key");
    }

    private static byte[] body(Matcher m) throws GeneralSecurityException {
        String text = m.group(2);
        if (text.contains("Proc-Type:") && text.contains("ENCRYPTED")) {
            throw new GeneralSecurityException("encrypted private keys are not supported");
        }
        StringBuilder b64 = new StringBuilder();
        for (String line : text.split("\\r?\\n")) {
            if (!line.contains(":")) { // skip RFC 1421 headers
                b64.append(line.trim());
            }
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("invalid base64 in PEM block " + m.group(1));
        }
    }

    /**
     * The named-curve OID (full TLV) from the [0] parameters of a SEC1 ECPrivateKey:
     * SEQUENCE { INTEGER 1, OCTET STRING key, [0] OID curve OPTIONAL, [1] BIT STRING OPTIONAL }.
     */
    private static byte[] sec1CurveOid(byte[] sec1) throws GeneralSecurityException {
        int[] seq = header(sec1, 0, 0x30);
        int pos = seq[0];
        int end = seq[0] + seq[1];
        while (pos < end) {
            int tag = sec1[pos] & 0xff;
            int[] h = header(sec1, pos, tag);
            if (tag == 0xa0) {
                int[] oid = header(sec1, h[0], 0x06);
                return Arrays.copyOfRange(sec1, h[0], oid[0] + oid[1]);
            }
            pos = h[0] + h[1];
        }
        throw new GeneralSecurityException("EC PRIVATE KEY without named curve parameters");
    }

    /** @return {contentStart, contentLength} of the TLV at {@code pos}, which must have {@code tag} */
    private static int[] header(byte[] der, int pos, int tag) throws GeneralSecurityException {
        if (pos + 2 > der.length || (der[pos] & 0xff) != tag) {
            throw new GeneralSecurityException("malformed EC PRIVATE KEY");
        }
        int len = der[pos + 1] & 0xff;
        int start = pos + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n > 3 || start + n > der.length) {
                throw new GeneralSecurityException("malformed EC PRIVATE KEY");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[start + i] & 0xff);
            }
            start += n;
        }
        if (start + len > der.length) {
            throw new GeneralSecurityException("malformed EC PRIVATE KEY");
        }
        return new int[] {start, len};
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
