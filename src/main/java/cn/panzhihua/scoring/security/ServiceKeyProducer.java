package cn.panzhihua.scoring.security;

import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the service key once, from {@code service.key} (the PEM or base64 text, e.g. from a secret
 * in the environment) or {@code service.key-file}. Without either, a production start fails and
 * says what to configure; development, test and demo settings ({@code service.key.generate=true})
 * make one, keep it in the key file when one is named, and say so.
 */
@ApplicationScoped
public class ServiceKeyProducer {

    private static final Logger LOG = Logger.getLogger(ServiceKeyProducer.class);

    @ConfigProperty(name = "service.key")
    Optional<String> inline;

    @ConfigProperty(name = "service.key-file")
    Optional<Path> file;

    @ConfigProperty(name = "service.key.generate", defaultValue = "false")
    boolean generate;

    /** Loaded at start-up, so a missing key stops the start instead of the first checkpoint. */
    void atStartup(@Observes StartupEvent event, ServiceKey key) {
        LOG.debugf("service key %s ready", key.keyId());
    }

    @Produces
    @Singleton
    ServiceKey serviceKey() {
        if (inline.isPresent() && !inline.get().isBlank()) {
            return loaded(ServiceKey.parse(inline.get(), "service.key (SERVICE_KEY)"));
        }
        if (file.isPresent()) {
            ServiceKey key = ServiceKey.read(file.get());
            if (key != null) {
                return loaded(key);
            }
        }
        if (!generate) {
            throw new IllegalStateException("no service key: the audit checkpoints are signed with it and the compiled-rules cache "
                    + "is authenticated with it. Make one with `openssl genpkey -algorithm ed25519 -out /etc/rubric-evaluation/service-key.pem` "
                    + "(outside the data folder, readable by the service's user only) and set SERVICE_KEY_FILE to its path, "
                    + "or put the PEM text in SERVICE_KEY" + file.map(f -> " (service.key-file " + f.toAbsolutePath() + " does not exist)").orElse(""));
        }
        ServiceKey key = ServiceKey.generate(file.map(f -> f.toAbsolutePath().toString()).orElse("generated for this process"));
        file.ifPresent(key::write);
        LOG.warnf("generated a development service key %s (%s); production must configure its own: SERVICE_KEY_FILE or SERVICE_KEY",
                key.keyId(), key.origin());
        return key;
    }

    private static ServiceKey loaded(ServiceKey key) {
        LOG.infof("service key %s loaded from %s", key.keyId(), key.origin());
        return key;
    }
}
