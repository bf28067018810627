package cn.panzhihua.scoring.audit;

import cn.panzhihua.scoring.security.ServiceKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys whose checkpoints this service accepts: its own key and, after a key rotation,
 * the earlier keys' public halves ({@code audit.previous-public-keys}: PEM files), so checkpoints
 * signed before the rotation still verify. Public keys only: nothing here can sign.
 */
@ApplicationScoped
public class TrustedKeys {

    private static final Logger LOG = Logger.getLogger(TrustedKeys.class);

    @Inject
    ServiceKey serviceKey;

    @ConfigProperty(name = "audit.previous-public-keys")
    Optional<List<Path>> previousKeyFiles;

    private final Map<String, PublicKey> byId = new LinkedHashMap<>();
    private final Map<String, String> pemById = new LinkedHashMap<>();

    @PostConstruct
    void load() {
        byId.put(serviceKey.keyId(), serviceKey.publicKey());
        pemById.put(serviceKey.keyId(), serviceKey.publicKeyPem());
        for (Path file : previousKeyFiles.orElse(List.of())) {
            try {
                String pem = Files.readString(file, StandardCharsets.US_ASCII);
                PublicKey key = ServiceKey.parsePublicKey(pem);
                String id = ServiceKey.keyId(key);
                byId.putIfAbsent(id, key);
                pemById.putIfAbsent(id, pem.strip() + "\n");
                LOG.infof("checkpoints signed with earlier key %s (%s) are accepted", id, file.toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read audit.previous-public-keys file " + file.toAbsolutePath(), e);
            }
        }
    }

    public ServiceKey current() {
        return serviceKey;
    }

    public Optional<PublicKey> find(String keyId) {
        return Optional.ofNullable(keyId == null ? null : byId.get(keyId));
    }

    /** Key id → PEM of every accepted key, the current one first. */
    public Map<String, String> pems() {
        return new LinkedHashMap<>(pemById);
    }
}
