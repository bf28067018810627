package cn.panzhihua.scoring.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceKeyTest {

    /** Made with `openssl genpkey -algorithm ed25519`; its public key as `openssl pkey -pubout` printed it. */
    static final String OPENSSL_PRIVATE = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIPXeT1mln5baR6+KH7vaB/C/kVjSHVgJe12tiVRoeRxw
            -----END PRIVATE KEY-----
            """;
    static final String OPENSSL_PUBLIC = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAWwOKyK/6wSHePgo41GMe/JQCB7UBi2NJen+zHrYirz0=
            -----END PUBLIC KEY-----
            """;

    @Test
    void readsAnOpensslKeyAndDerivesItsPublicKey() {
        ServiceKey key = ServiceKey.parse(OPENSSL_PRIVATE, "test");
        assertEquals(OPENSSL_PUBLIC.strip(), key.publicKeyPem().strip());
        byte[] message = "checkpoint 7".getBytes(StandardCharsets.UTF_8);
        byte[] signature = key.sign(message);
        assertTrue(ServiceKey.verify(ServiceKey.parsePublicKey(OPENSSL_PUBLIC), message, signature));
        assertFalse(ServiceKey.verify(key.publicKey(), "checkpoint 8".getBytes(StandardCharsets.UTF_8), signature));
    }

    @Test
    void derivedKeysDifferByPurposeAndStayTheSame() {
        ServiceKey key = ServiceKey.parse(OPENSSL_PRIVATE, "test");
        assertArrayEquals(key.derive("compiled-rules"), ServiceKey.parse(OPENSSL_PRIVATE, "again").derive("compiled-rules"));
        assertNotEquals(java.util.HexFormat.of().formatHex(key.derive("compiled-rules")),
                java.util.HexFormat.of().formatHex(key.derive("other")));
        assertEquals(32, key.derive("compiled-rules").length);
    }

    @Test
    void writtenKeyIsOwnerOnlyAndReadsBack(@TempDir Path dir) throws Exception {
        ServiceKey key = ServiceKey.generate("test");
        Path file = dir.resolve("keys/service-key.pem");
        key.write(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(key.keyId(), ServiceKey.read(file).keyId());
    }

    @Test
    void somethingElseIsRejectedWithAHint() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServiceKey.parse("not a key", "SERVICE_KEY"));
        assertTrue(e.getMessage().contains("SERVICE_KEY"), e.getMessage());
    }
}
