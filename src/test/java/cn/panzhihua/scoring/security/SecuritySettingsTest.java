package cn.panzhihua.scoring.security;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up check of the security settings, over settings an operator might write. */
class SecuritySettingsTest {

    static final Map<String, String> SHIPPED = Map.of(
            "quarkus.http.auth.basic", "true",
            "api.anonymous", "none",
            "api.anonymous-recording", "false",
            "%demo.api.anonymous-recording", "true",
            "%demo.quarkus.security.users.embedded.users.evaluator", "evaluator-dev",
            "quarkus.oidc.tenant-enabled", "false");

    static SmallRyeConfig config(String profile, Map<String, String> operator) {
        Map<String, String> all = new HashMap<>(SHIPPED);
        all.putAll(operator);
        return new SmallRyeConfigBuilder().withProfile(profile).withSources(new PropertiesConfigSource(all, "test", 100)).build();
    }

    @Test
    void productionWithoutIdentitySaysWhatToConfigure() {
        List<String> warnings = SecuritySettings.check(config("prod", Map.of()));
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("no identity source is configured")), warnings.toString());
    }

    @Test
    void configuredUsersOrOidcAreAnIdentitySource() {
        assertEquals(List.of("users"), SecuritySettings.identitySources(config("prod",
                Map.of("quarkus.security.users.embedded.users.clerk", "ab12"))));
        assertEquals(List.of("oidc"), SecuritySettings.identitySources(config("prod",
                Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", "https://sso.example.gov.cn/realms/pzh"))));
        assertEquals(List.of(), SecuritySettings.identitySources(config("prod", Map.of())));
        assertEquals(List.of("users"), SecuritySettings.identitySources(config("demo", Map.of())));
    }

    @Test
    void productionNeverRecordsAnonymously() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecuritySettings.check(config("prod", Map.of("api.anonymous-recording", "true"))));
        assertTrue(e.getMessage().contains("api.anonymous-recording"), e.getMessage());
        SecuritySettings.check(config("demo", Map.of()));
    }

    @Test
    void basicOverPlainHttpIsAWarningOutsideDev() {
        Map<String, String> users = Map.of("quarkus.security.users.embedded.users.clerk", "ab12");
        assertTrue(SecuritySettings.check(config("prod", users)).stream().anyMatch(w -> w.startsWith("HTTP Basic credentials are accepted over plain HTTP")));
        assertTrue(SecuritySettings.check(config("demo", Map.of())).stream().anyMatch(w -> w.startsWith("HTTP Basic")));
        assertEquals(List.of(), SecuritySettings.check(config("dev", Map.of())));
        Map<String, String> loopback = new HashMap<>(users);
        loopback.put("quarkus.http.host", "127.0.0.1");
        assertEquals(List.of(), SecuritySettings.check(config("prod", loopback)));
        Map<String, String> httpsOnly = new HashMap<>(users);
        httpsOnly.put("quarkus.http.insecure-requests", "disabled");
        assertEquals(List.of(), SecuritySettings.check(config("prod", httpsOnly)));
    }
}
