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
        List<String> fromSecrets = new ArrayList<>();
        container.path("envFrom").forEach(e -> fromSecrets.add(e.at("/secretRef/name").asText()));
        // the generator does not keep the order of quarkus.kubernetes.env.secrets
        assertTrue(fromSecrets.contains("scoring-database"), fromSecrets.toString());
        assertEquals("/etc/scoring", mount(container, "service-key").path("mountPath").asText());
        assertTrue(mount(container, "service-key").path("readOnly").asBoolean());
        assertEquals("/deployments/rules-drl", mount(container, "rules").path("mountPath").asText());
        assertTrue(mount(container, "rules").path("readOnly").asBoolean());
        JsonNode volumes = deployment().at("/spec/template/spec/volumes");
        List<String> secrets = new ArrayList<>();
        volumes.forEach(v -> secrets.add(v.at("/secret/secretName").asText()));
        assertTrue(secrets.contains("scoring-service-key"), volumes.toString());
    }

    /**
     * What an operator's cluster policy asks of every container (issue 22): resources, a non-root
     * read-only container without privilege escalation or capabilities, probes, no image from outside
     * the project, the key secret readable by the container's group (fsGroup), a grace period longer
     * than the service's shutdown delay, a PodDisruptionBudget, and no Flyway init Job or RBAC for it.
     */
    @Test
    void everyContainerIsBoundedAndUnprivileged() throws Exception {
        JsonNode pod = deployment().at("/spec/template/spec");
        assertTrue(pod.path("initContainers").isMissingNode() || pod.path("initContainers").isEmpty(), pod.toString());
        for (JsonNode container : pod.path("containers")) {
            String name = container.path("name").asText();
            assertTrue(container.path("image").asText().startsWith("docker.io/panzhihua/rubric-evaluation:"), name);
            assertTrue(container.at("/resources/limits/memory").isTextual() && container.at("/resources/requests/cpu").isTextual(), name);
            assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name);
            assertEquals(false, container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true), name);
            assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText(), name);
            assertTrue(container.at("/securityContext/runAsNonRoot").asBoolean(), name);
            assertTrue(container.has("readinessProbe") && container.has("livenessProbe") && container.has("startupProbe"), name);
            assertEquals("/tmp", mount(container, "tmp").path("mountPath").asText(), "a writable /tmp beside the read-only root");
        }
        assertEquals(185, pod.at("/securityContext/runAsUser").asInt());
        assertEquals(185, pod.at("/securityContext/fsGroup").asInt());
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("secret")) {
                int mode = volume.at("/secret/defaultMode").asInt();
                assertTrue((mode & 0040) != 0, "the group (fsGroup 185) reads the secret: mode " + Integer.toOctalString(mode));
            }
        }
        assertTrue(pod.path("terminationGracePeriodSeconds").asInt() > 25, "longer than shutdown delay + timeout");
        List<String> kinds = new ArrayList<>();
        JsonNode all = new ObjectMapper().readTree(Files.readString(Path.of("target/kubernetes/kubernetes.json")));
        for (JsonNode item : all.isArray() ? all : all.path("items")) {
            kinds.add(item.path("kind").asText());
        }
        assertTrue(kinds.contains("PodDisruptionBudget"), kinds.toString());
        assertTrue(!kinds.contains("Job") && !kinds.contains("Role") && !kinds.contains("RoleBinding"), kinds.toString());
        List<String> env = new ArrayList<>();
        deployment().at("/spec/template/spec/containers/0/envFrom").forEach(e -> env.add(e.at("/secretRef/name").asText()));
        assertTrue(env.contains("scoring-identity"), "callers get an identity (users or OIDC), the session key, trusted proxies: " + env);
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
