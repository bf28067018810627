package cn.panzhihua.scoring.security;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Checks the security settings at start-up and says what is missing. Production settings are every
 * profile but {@code dev}, {@code test} and the named {@code demo}: there anonymous callers may not
 * record (a start with {@code api.anonymous-recording=true} fails), and a start without any identity
 * source (neither OIDC nor configured users) says what to configure. Outside {@code dev}, HTTP Basic
 * accepted over plain HTTP on a non-loopback address is a WARN.
 */
@ApplicationScoped
public class SecuritySettings {

    private static final Logger LOG = Logger.getLogger(SecuritySettings.class);
    static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "test", "demo");
    static final String USERS = "quarkus.security.users.embedded.users.";

    private final List<String> warnings = new ArrayList<>();

    void check(@Observes StartupEvent event) {
        for (String warning : check(ConfigProvider.getConfig())) {
            warnings.add(warning);
            LOG.warn(warning);
        }
    }

    /** The warnings for these settings; throws when they must not start. */
    static List<String> check(Config config) {
        List<String> warnings = new ArrayList<>();
        List<String> profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
        boolean development = profiles.stream().anyMatch(DEVELOPMENT_PROFILES::contains);
        boolean anonymousRecording = config.getOptionalValue("api.anonymous-recording", Boolean.class).orElse(false);
        if (anonymousRecording && !development) {
            throw new IllegalStateException("api.anonymous-recording=true is for the development profiles (dev, test, demo) only; "
                    + "with production settings every decision record names who asked. Remove the setting, and give callers "
                    + "credentials (users or OIDC, see docs/security.md)");
        }
        boolean forwarding = config.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class).orElse(false);
        boolean trusted = config.getOptionalValue("quarkus.http.proxy.trusted-proxies", String.class).filter(v -> !v.isBlank()).isPresent();
        if (forwarding && !trusted) {
            // with no list every client could name its own address, and so escape the sign-in throttle
            throw new IllegalStateException("quarkus.http.proxy.proxy-address-forwarding=true needs quarkus.http.proxy.trusted-proxies "
                    + "(TRUSTED_PROXIES): the addresses of the proxies whose X-Forwarded-For is believed, e.g. 127.0.0.1 for HAProxy on "
                    + "this host. Without it any client could name its own address (docs/security.md)");
        }
        if (!development && identitySources(config).isEmpty()) {
            warnings.add("no identity source is configured, so no one can sign in: evaluations cannot be recorded, records cannot be read "
                    + "and rulebooks cannot be reloaded (anonymous callers may only do what api.anonymous allows, and never record). "
                    + "Configure OIDC (QUARKUS_OIDC_TENANT_ENABLED=true, QUARKUS_OIDC_AUTH_SERVER_URL, QUARKUS_OIDC_CLIENT_ID, "
                    + "QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH) or users with hashed passwords "
                    + "(quarkus.security.users.embedded.users.<name>=<hash>, quarkus.security.users.embedded.roles.<name>=<role>; "
                    + "roles evaluator, auditor, rule-author): docs/security.md says how");
        }
        boolean basic = config.getOptionalValue("quarkus.http.auth.basic", Boolean.class).orElse(false);
        String insecure = config.getOptionalValue("quarkus.http.insecure-requests", String.class).orElse("enabled");
        String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        if (basic && !profiles.contains("dev") && !"disabled".equalsIgnoreCase(insecure) && !loopback(host)) {
            warnings.add("HTTP Basic credentials are accepted over plain HTTP on " + host + ":"
                    + config.getOptionalValue("quarkus.http.port", String.class).orElse("8080")
                    + ": anyone on the network path can read the passwords. Serve HTTPS (quarkus.http.ssl.certificate.files, "
                    + "quarkus.http.insecure-requests=disabled), or listen on loopback behind a TLS proxy (quarkus.http.host=127.0.0.1), "
                    + "or accept OIDC tokens only (quarkus.http.auth.basic=false)");
        }
        return warnings;
    }

    /** What sign-in is possible: "oidc", "users" (configured users), or nothing. */
    static List<String> identitySources(Config config) {
        List<String> sources = new ArrayList<>();
        if (config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true)
                && config.getOptionalValue("quarkus.oidc.auth-server-url", String.class).filter(url -> !url.isBlank()).isPresent()) {
            sources.add("oidc");
        }
        boolean users = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith(USERS))
                .anyMatch(name -> config.getOptionalValue(name, String.class).filter(value -> !value.isBlank()).isPresent());
        if (users || config.getOptionalValue("quarkus.security.users.file.enabled", Boolean.class).orElse(false)) {
            sources.add("users");
        }
        return sources;
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** What the start-up check warned about, for tests and diagnostics. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
