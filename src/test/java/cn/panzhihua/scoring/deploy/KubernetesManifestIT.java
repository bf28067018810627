package cn.panzhihua.scoring.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests Quarkus writes at build: probes on the health checks, the service key
 * from a secret (SERVICE_KEY_FILE), the database from a secret, the shared rules read-only.
 */
class KubernetesManifestIT {

    @Test
    void theDeploymentIsWiredToHealthSecretsAndRules() throws Exception {
        JsonNode container = deployment().at("/spec/template/spec/containers/0");
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/etc/scoring/service-key.pem", env(container, "SERVICE_KEY_FILE"));
        assertEquals("scoring-database", container.at("/envFrom/0/secretRef/name").asText());
        assertEquals("/etc/scoring", mount(container, "service-key").path("mountPath").asText());
        assertTrue(mount(container, "service-key").path("readOnly").asBoolean());
        assertEquals("/deployments/rules-drl", mount(container, "rules").path("mountPath").asText());
        assertTrue(mount(container, "rules").path("readOnly").asBoolean());
        JsonNode volumes = deployment().at("/spec/template/spec/volumes");
        List<String> secrets = new ArrayList<>();
        volumes.forEach(v -> secrets.add(v.at("/secret/secretName").asText()));
        assertTrue(secrets.contains("scoring-service-key"), volumes.toString());
    }

    private static JsonNode deployment() throws Exception {
        JsonNode all = new ObjectMapper().readTree(Files.readString(Path.of("target/kubernetes/kubernetes.json")));
        for (JsonNode item : all.isArray() ? all : all.path("items")) {
            if (item.path("kind").asText().equals("Deployment")) {
                return item;
            }
        }
        throw new AssertionError("no Deployment in target/kubernetes/kubernetes.json");
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    private static JsonNode mount(JsonNode container, String name) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no mount " + name);
    }
}
