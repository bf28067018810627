package cn.panzhihua.scoring.security;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 §3: the session cookie's key is derived from the service key, so the framework never makes
 * (and logs) one, and every instance with the same service key reads the others' cookies.
 * SignInBehindHaproxyIT checks the same with two packaged instances, a production start and its log.
 */
@QuarkusTest
class SessionKeyTest {

    @Inject
    ServiceKey serviceKey;

    static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withInterceptors(new SessionKey())
                .withSources(new MapBackedConfigSource("test", values, 500) {
                }).build();
    }

    @Test
    void theRunningServicesKeyIsDerivedFromItsServiceKey() {
        String configured = ConfigProvider.getConfig().getValue(SessionKey.ENCRYPTION_KEY, String.class);
        assertEquals(SessionKey.forSessions(serviceKey), configured);
        assertTrue(configured.length() >= 16, "the framework wants at least 16 characters");
    }

    @Test
    void twoInstancesWithOneServiceKeyHaveOneSessionKeyAndOthersDoNot() throws Exception {
        ServiceKey shared = ServiceKey.generate("test");
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "session-key").resolve("key.pem");
        shared.write(file);
        String pem = java.nio.file.Files.readString(file);
        String one = config(Map.of("service.key-file", file.toString())).getValue(SessionKey.ENCRYPTION_KEY, String.class);
        String two = config(Map.of("service.key", pem)).getValue(SessionKey.ENCRYPTION_KEY, String.class);
        assertEquals(one, two);
        assertEquals(SessionKey.forSessions(shared), one);
        assertNotEquals(one, SessionKey.forSessions(ServiceKey.generate("other")));
        assertNotEquals(one, java.util.Base64.getEncoder().encodeToString(shared.derive("compiled-rules")), "purposes never share a key");
        // an operator's own key wins
        assertEquals("an-operator-chosen-key-of-32-chars", config(Map.of("service.key", pem,
                SessionKey.ENCRYPTION_KEY, "an-operator-chosen-key-of-32-chars")).getValue(SessionKey.ENCRYPTION_KEY, String.class));
    }

    @Test
    void withoutAServiceKeyAKeyIsStillAnsweredSoTheFrameworkLogsNone() {
        String key = config(Map.of()).getValue(SessionKey.ENCRYPTION_KEY, String.class);
        assertTrue(key.length() >= 16);
    }
}
