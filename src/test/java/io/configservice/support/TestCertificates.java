package io.configservice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates made with this machine's {@code openssl} at test time: a certificate authority and
 * server certificates it signs, P-256 keys, valid for two days. A missing {@code openssl} skips the
 * test, and fails it under {@code CI=true}.
 */
public final class TestCertificates {

    private final Path directory;
    private final Path authorityCertificate;
    private final Path authorityKey;

    private TestCertificates(Path directory) {
        this.directory = directory;
        this.authorityCertificate = directory.resolve("ca.crt");
        this.authorityKey = directory.resolve("ca.key");
    }

    /** A server's certificate and key, and the certificate of the authority that signed it. */
    public record Server(Path certificate, Path key, Path authority) {}

    /** A new certificate authority whose files live in {@code directory}. */
    public static TestCertificates authority(Path directory, String name) {
        TestCertificates certificates = new TestCertificates(createDirectories(directory));
        openssl(
                "req",
                "-x509",
                "-new",
                "-nodes",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-keyout",
                certificates.authorityKey.toString(),
                "-out",
                certificates.authorityCertificate.toString(),
                "-days",
                "2",
                "-subj",
                "/CN=" + name);
        return certificates;
    }

    public Path certificate() {
        return authorityCertificate;
    }

    /**
     * A server certificate signed by this authority for {@code subjectAltName} (as openssl writes
     * it: {@code IP:127.0.0.1,DNS:localhost}); its files are named after {@code name}.
     */
    public Server server(String name, String subjectAltName) {
        Path key = directory.resolve(name + ".key");
        Path request = directory.resolve(name + ".csr");
        Path certificate = directory.resolve(name + ".crt");
        Path extensions = directory.resolve(name + ".ext");
        try {
            Files.writeString(extensions, "subjectAltName=" + subjectAltName + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(
                "req",
                "-new",
                "-nodes",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-keyout",
                key.toString(),
                "-out",
                request.toString(),
                "-subj",
                "/CN=" + name);
        openssl(
                "x509",
                "-req",
                "-in",
                request.toString(),
                "-CA",
                authorityCertificate.toString(),
                "-CAkey",
                authorityKey.toString(),
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                extensions.toString(),
                "-out",
                certificate.toString());
        return new Server(certificate, key, authorityCertificate);
    }

    private static void openssl(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(RedisServers.executable("openssl"));
        command.addAll(List.of(arguments));
        RedisServers.run(command);
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
