package dev.duoconformance.simulator.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A private CA and the server certificates the simulators present: good ones, and each documented kind of bad one. */
public final class Certificates {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    /** A certificate authority able to issue server certificates. */
    public record Authority(KeyPair keys, X509Certificate certificate) {
        public static Authority create(String name) {
            KeyPair keys = newKeys();
            Instant now = Instant.now();
            return new Authority(
                    keys,
                    sign(
                            new X500Name("CN=" + name),
                            keys,
                            new X500Name("CN=" + name),
                            keys,
                            now.minus(Duration.ofDays(1)),
                            now.plus(Duration.ofDays(30)),
                            true,
                            null));
        }

        public SSLContext serverContext(String... hostNames) {
            return issue(
                    "CN=" + hostNames[0],
                    Instant.now().minus(Duration.ofDays(1)),
                    Instant.now().plus(Duration.ofDays(30)),
                    hostNames);
        }

        public SSLContext expiredServerContext(String... hostNames) {
            return issue(
                    "CN=" + hostNames[0],
                    Instant.now().minus(Duration.ofDays(30)),
                    Instant.now().minus(Duration.ofDays(1)),
                    hostNames);
        }

        private SSLContext issue(String subject, Instant from, Instant until, String... hostNames) {
            KeyPair leafKeys = newKeys();
            X509Certificate leaf = sign(
                    new X500Name(subject),
                    leafKeys,
                    new X500Name(certificate.getSubjectX500Principal().getName()),
                    keys,
                    from,
                    until,
                    false,
                    hostNames);
            return context(leafKeys, leaf, certificate);
        }

        /** A client's TLS context trusting only this CA, as a component of the installation calling another has it. */
        public SSLContext clientContext() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setCertificateEntry("ca", certificate);
                javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The CA certificate as a PEM file, as an administrator would put it in {@code http.ca_bundle}. */
        public Path writePem(Path file) {
            try (StringWriter text = new StringWriter();
                    JcaPEMWriter pem = new JcaPEMWriter(text)) {
                pem.writeObject(certificate);
                pem.flush();
                Files.writeString(file, text.toString());
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Certificates() {}

    /** A server certificate signed by itself, trusted by nobody. */
    public static SSLContext selfSignedServerContext(String... hostNames) {
        KeyPair keys = newKeys();
        X500Name name = new X500Name("CN=" + hostNames[0]);
        Instant now = Instant.now();
        X509Certificate certificate = sign(
                name, keys, name, keys, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), false, hostNames);
        return context(keys, certificate);
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(
            X500Name subject,
            KeyPair subjectKeys,
            X500Name issuer,
            KeyPair issuerKeys,
            Instant from,
            Instant until,
            boolean authority,
            String[] hostNames) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(from),
                    Date.from(until),
                    subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (hostNames != null) {
                GeneralName[] names = new GeneralName[hostNames.length];
                for (int i = 0; i < hostNames.length; i++) {
                    names[i] = new GeneralName(
                            hostNames[i].matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName,
                            hostNames[i]);
                }
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(
                            new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext context(KeyPair keys, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "simulator".toCharArray();
            store.setKeyEntry("server", keys.getPrivate(), password, chain);
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
