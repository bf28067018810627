package cn.panzhihua.scoring.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service's one secret: an Ed25519 private key, kept outside the data folder and the database.
 *
 * <p>It signs the audit checkpoints (so a person holding the public key can tell a checkpoint the
 * service made from one forged by whoever can write the database), and keys derived from it
 * authenticate files the service writes for itself (compiled rules), so a file it did not write is
 * never trusted. One secret to configure, rotate and protect; purposes never share a derived key.
 *
 * <p>Plain Java, no CDI: the command-line tools use it too. {@code ServiceKeyProducer} loads it
 * from configuration for the running service.
 */
public final class ServiceKey {

    private static final String ALGORITHM = "Ed25519";
    private static final String PEM_PRIVATE = "PRIVATE KEY";
    private static final String PEM_PUBLIC = "PUBLIC KEY";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final String origin;

    private ServiceKey(PrivateKey privateKey, PublicKey publicKey, String origin) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
        this.origin = origin;
    }

    /** A new random key (development and tests only; production loads one). */
    public static ServiceKey generate(String origin) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new ServiceKey(pair.getPrivate(), pair.getPublic(), origin);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make Ed25519 keys", e);
        }
    }

    /** Reads a PKCS#8 Ed25519 private key, PEM (as {@code openssl genpkey -algorithm ed25519} writes it) or bare base64. */
    public static ServiceKey parse(String text, String origin) {
        byte[] der = decode(text, PEM_PRIVATE, origin);
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
            return new ServiceKey(key, publicKeyOf(der), origin);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(origin + " does not hold an Ed25519 private key in PKCS#8 (" + e.getMessage()
                    + "); make one with: openssl genpkey -algorithm ed25519 -out service-key.pem", e);
        }
    }

    /** Reads a key file; {@code null} if there is none. */
    public static ServiceKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service key " + file, e);
        }
    }

    /** Writes the private key as PEM, readable by the service's user only. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path partial = Files.createTempFile(parent, ".service-key-", ".tmp");
            ownerOnly(partial);
            Files.writeString(partial, pem(PEM_PRIVATE, privateKey.getEncoded()), StandardCharsets.US_ASCII);
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the service key to " + file, e);
        }
    }

    /** Restricts a file to the service's user where the file system has POSIX permissions. */
    public static void ownerOnly(Path file) throws IOException {
        boolean directory = Files.isDirectory(file);
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------");
        try {
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the operator's ACLs decide
        }
    }

    /** Ed25519 signature over {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the service key", e);
        }
    }

    /** Whether {@code signature} is {@code publicKey}'s signature over {@code message}. */
    public static boolean verify(PublicKey publicKey, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A 32-byte key for one purpose (e.g. "compiled-rules"), derived from the private key with
     * HMAC-SHA256: knowing a derived key reveals neither the private key nor another purpose's key.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(privateKey.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("rubric-evaluation/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as PEM (X.509 SubjectPublicKeyInfo), what {@code openssl pkey -pubout} prints. */
    public String publicKeyPem() {
        return pem(PEM_PUBLIC, publicKey.getEncoded());
    }

    /** The first 16 hex digits of SHA-256 over the encoded public key: names the key in checkpoints. */
    public String keyId() {
        return keyId;
    }

    /** Where the key came from (a file, a setting, or "generated"), for log lines. */
    public String origin() {
        return origin;
    }

    public static PublicKey parsePublicKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(text, PEM_PUBLIC, "public key")));
        } catch (GeneralSecurityException e) {
            // the provider's message names its classes (InvalidKeyException: Unsupported OID): callers get plain words
            throw new IllegalArgumentException("not an Ed25519 public key: the PEM holds a key of another algorithm (RSA, EC, …) "
                    + "or bytes that are not a public key; `openssl pkey -pubout` of the service key gives the right one", e);
        }
    }

    public static String keyId(PublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Java 17 has no public call that derives an Ed25519 public key from the private one; the key
     * pair generator does, from the 32-byte seed it draws. Handing it the seed as its only random
     * bytes gives the pair of this private key.
     */
    private static PublicKey publicKeyOf(byte[] pkcs8) throws GeneralSecurityException {
        byte[] seed = seed(pkcs8);
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(255, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        return generator.generateKeyPair().getPublic();
    }

    /** The seed of a PKCS#8 Ed25519 key: the last OCTET STRING (04 20 + 32 bytes) of its encoding. */
    private static byte[] seed(byte[] pkcs8) throws GeneralSecurityException {
        for (int i = pkcs8.length - 34; i >= 0; i--) {
            if (pkcs8[i] == 0x04 && pkcs8[i + 1] == 0x20 && i + 34 <= pkcs8.length) {
                byte[] seed = new byte[32];
                System.arraycopy(pkcs8, i + 2, seed, 0, 32);
                return seed;
            }
        }
        throw new GeneralSecurityException("no 32-byte Ed25519 seed in the key");
    }

    private static byte[] decode(String text, String label, String origin) {
        String body = text.strip();
        if (body.startsWith("-----BEGIN")) {
            String begin = "-----BEGIN " + label + "-----";
            int from = body.indexOf(begin);
            int to = body.indexOf("-----END " + label + "-----");
            if (from < 0 || to < 0) {
                throw new IllegalStateException(origin + " is PEM but not a " + label + " block");
            }
            body = body.substring(from + begin.length(), to);
        }
        try {
            return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(origin + " is neither PEM nor base64: " + e.getMessage(), e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
