package cn.panzhihua.scoring.openapi;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document declares the credentials a deployment accepts, from its own settings. */
class ApiSecurityTest {

    @Test
    void aProductionDeploymentDeclaresOidcWithItsUrlAndNoAnonymousCalls() {
        OpenAPI api = api();
        ApiSecurity.apply(api, config(Map.of("quarkus.http.auth.basic", "false", "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", "https://sso.example.gov.cn/realms/scoring/", "api.anonymous", "none")));
        assertNull(api.getComponents().getSecuritySchemes().get("basic"));
        assertEquals("https://sso.example.gov.cn/realms/scoring/.well-known/openid-configuration",
                api.getComponents().getSecuritySchemes().get("oidc").getOpenIdConnectUrl());
        Operation evaluate = operation(api);
        assertEquals(1, evaluate.getSecurity().size(), "OIDC only, no anonymous requirement");
        assertEquals(List.of("evaluator"), evaluate.getSecurity().get(0).getScheme("oidc"));
    }

    @Test
    void theEmbeddedDefaultDeclaresBasicAndAnonymousEvaluation() {
        OpenAPI api = api();
        ApiSecurity.apply(api, config(Map.of("quarkus.http.auth.basic", "true", "quarkus.oidc.tenant-enabled", "false",
                "api.anonymous", "evaluate,catalogue")));
        assertNull(api.getComponents().getSecuritySchemes().get("oidc"));
        Operation evaluate = operation(api);
        assertEquals(List.of("evaluator"), evaluate.getSecurity().get(0).getScheme("basic"));
        assertTrue(evaluate.getSecurity().get(1).getSchemes().isEmpty(), "{}: anonymous allowed");
        assertTrue(evaluate.getDescription().contains("evaluator"), evaluate.getDescription());
    }

    private static OpenAPI api() {
        Operation post = OASFactory.createOperation().operationId("EvaluationResource_evaluate")
                .addExtension("x-roles", "evaluator").addExtension("x-anonymous-when", "evaluate");
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/evaluations", OASFactory.createPathItem().POST(post)));
    }

    private static Operation operation(OpenAPI api) {
        return api.getPaths().getPathItem("/api/v1/evaluations").getPOST();
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }
}
