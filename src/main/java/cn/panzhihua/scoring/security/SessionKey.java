package cn.panzhihua.scoring.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that encrypts the console's session cookie ({@code quarkus.http.auth.session.encryption-key})
 * is derived from the service key unless an operator sets one: every instance with the same service
 * key accepts the others' sessions (a login on one instance behind HAProxy works on all), a restart
 * keeps people logged in, and the framework never makes a key of its own, which it would write to
 * the log. Without a service key (a production start that is about to fail for want of one) a random
 * key is answered, so that nothing is logged meanwhile.
 *
 * <p>Read where configuration is read, before CDI: the service key is read from the same settings as
 * {@code ServiceKeyProducer} ({@code service.key}, then {@code service.key-file}); in the development
 * profiles ({@code service.key.generate=true}) a missing key file is made here, as the producer would.
 */
@Priority(Priorities.APPLICATION + 100)
public class SessionKey implements ConfigSourceInterceptor {

    static final String ENCRYPTION_KEY = "quarkus.http.auth.session.encryption-key";
    /** The purpose the session key is derived for: no other derived key equals it. */
    static final String PURPOSE = "http-session";

    private transient volatile String derived;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!ENCRYPTION_KEY.equals(name) || (value != null && value.getValue() != null && !value.getValue().isBlank())) {
            return value;
        }
        String key = derived;
        if (key == null) {
            synchronized (this) {
                if (derived == null) {
                    derived = derive(context);
                }
                key = derived;
            }
        }
        return ConfigValue.builder().withName(name).withValue(key).withConfigSourceName(getClass().getSimpleName()).build();
    }

    private static String derive(ConfigSourceInterceptorContext context) {
        ServiceKey serviceKey = null;
        String inline = text(context.proceed("service.key"));
        String file = text(context.proceed("service.key-file"));
        try {
            if (inline != null) {
                serviceKey = ServiceKey.parse(inline, "service.key (SERVICE_KEY)");
            } else if (file != null) {
                Path path = Path.of(file);
                serviceKey = ServiceKey.read(path);
                if (serviceKey == null && "true".equalsIgnoreCase(text(context.proceed("service.key.generate"))) && !Files.exists(path)) {
                    serviceKey = ServiceKey.generate(path.toAbsolutePath().toString());
                    serviceKey.write(path);
                }
            }
        } catch (RuntimeException unreadable) {
            // ServiceKeyProducer reads the key again at start-up and stops the start with what is wrong with it
            serviceKey = null;
        }
        return serviceKey == null ? random() : forSessions(serviceKey);
    }

    /** The session encryption key of this service key (base64 of a 32-byte derived key). */
    public static String forSessions(ServiceKey serviceKey) {
        return Base64.getEncoder().encodeToString(serviceKey.derive(PURPOSE));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String text(ConfigValue value) {
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
