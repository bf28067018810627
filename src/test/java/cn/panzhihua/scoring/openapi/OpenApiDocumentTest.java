package cn.panzhihua.scoring.openapi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document describes every answer: each operation of the API has a success response
 * with a schema and a real example, problem responses, the roles it needs; every property of every
 * schema has a description; the credentials this deployment accepts are declared.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static JsonPath document() {
        return JsonPath.from(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
    }

    @Test
    void everyOperationDocumentsItsAnswersAndRoles() {
        JsonPath doc = document();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        assertTrue(paths.size() >= 10, paths.keySet().toString());
        List<String> missing = new ArrayList<>();
        paths.forEach((path, operations) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            operations.forEach((method, op) -> {
                if (!List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    return;
                }
                String where = method.toUpperCase() + " " + path;
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) op.get("responses");
                Map<String, Object> ok = responses.get("200");
                if (ok == null || ok.get("content") == null) {
                    missing.add(where + ": no 200 response with content");
                    return;
                }
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) ok.get("content");
                Map<String, Object> json = content.get("application/json");
                if (json != null && (json.get("schema") == null || json.get("example") == null)) {
                    missing.add(where + ": the JSON answer needs a schema and an example");
                }
                content.forEach((type, media) -> {
                    if (media.get("schema") == null) {
                        missing.add(where + ": the " + type + " answer needs a schema");
                    }
                });
                // public by design: the liveness check and the key that checks signatures
                if (!path.equals("/api/v1/ping") && !"anyone".equals(op.get("x-roles"))) {
                    if (op.get("x-roles") == null || op.get("security") == null) {
                        missing.add(where + ": no roles (x-roles) and security requirements");
                    }
                    if (!responses.containsKey("401") || !responses.containsKey("403")) {
                        missing.add(where + ": 401 and 403 undocumented");
                    }
                }
                responses.forEach((status, response) -> {
                    if (response.get("description") == null || String.valueOf(response.get("description")).isBlank()) {
                        missing.add(where + " " + status + ": no description");
                    }
                });
            });
        });
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void theMainOperationIsDescribedCompletely() {
        JsonPath doc = document();
        String evaluate = "paths.'/api/v1/evaluations'.post";
        assertEquals("#/components/schemas/EvaluationResponse",
                doc.getString(evaluate + ".responses.'200'.content.'application/json'.schema.'$ref'"));
        List<Integer> months = doc.getList(evaluate + ".requestBody.content.'application/json'.examples.'answered 200'.value.information.monthlySubmissions");
        assertEquals(12, months.size(), "the request example Swagger UI shows is a valid request");
        for (String status : List.of("400", "401", "403", "404")) {
            assertTrue(doc.getString(evaluate + ".responses.'" + status + "'.content.'application/problem+json'.schema.'$ref'").endsWith("/Problem"), status);
        }
        assertTrue(doc.getMap("paths.'/api/v1/rulebooks/{year}/reload'.post.responses").containsKey("422"), "reload documents 422");
        Map<String, Object> report = doc.getMap("paths.'/api/v1/reports/{year}'.get.responses.'200'.content");
        assertTrue(report.containsKey("text/csv") && report.containsKey("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                && report.containsKey("application/json"), report.keySet().toString());
    }

    @Test
    void everySchemaPropertyIsDescribed() {
        Map<String, Map<String, Object>> schemas = document().getMap("components.schemas");
        List<String> undescribed = new ArrayList<>();
        schemas.forEach((name, schema) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) schema.get("properties");
            if (properties != null) {
                properties.forEach((property, definition) -> {
                    if (definition.get("description") == null && !(definition.get("$ref") != null && schemaDescribed(schemas, definition))) {
                        undescribed.add(name + "." + property);
                    }
                });
            }
        });
        assertTrue(undescribed.isEmpty(), "add to src/main/resources/openapi/schema-descriptions.properties:\n" + String.join("\n", undescribed));
    }

    private static boolean schemaDescribed(Map<String, Map<String, Object>> schemas, Map<String, Object> reference) {
        String name = String.valueOf(reference.get("$ref")).replace("#/components/schemas/", "");
        return schemas.containsKey(name) && schemas.get(name).get("description") != null;
    }

    @Test
    void theAcceptedCredentialsAreDeclared() {
        JsonPath doc = document();
        assertEquals("http", doc.getString("components.securitySchemes.basic.type"));
        assertEquals("basic", doc.getString("components.securitySchemes.basic.scheme"));
        // OIDC is off in this profile: it is declared only where a deployment turns it on (ApiSecurityTest).
        assertTrue(doc.getMap("components.securitySchemes").get("oidc") == null);
        assertEquals(List.of("auditor"), doc.getList("paths.'/api/v1/audit/verify'.get.security[0].basic"));
        List<Map<String, Object>> evaluate = doc.getList("paths.'/api/v1/evaluations'.post.security");
        assertTrue(evaluate.contains(Map.of()), "anonymous callers may evaluate under the default api.anonymous");
    }
}
