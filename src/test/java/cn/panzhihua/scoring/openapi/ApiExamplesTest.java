package cn.panzhihua.scoring.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example the OpenAPI document shows is what the service answers: each documented request is
 * sent and gets its documented status, and each documented answer matches the service's answer
 * (ids, times, hashes and versions only by type; lists longer than 20 shortened to their first 3).
 * After a change that moves an answer, rewrite the examples from the service's own output with
 * {@code ./mvnw test -Dtest=ApiExamplesTest -Dapi.examples.write=true} and review the diff.
 */
@QuarkusTest
class ApiExamplesTest {

    static final Path EXAMPLES = Path.of("src/main/resources/openapi/examples");
    static final boolean WRITE = Boolean.getBoolean("api.examples.write");
    /** Values that differ from call to call (or with every rulebook edit): compared by JSON type only. */
    static final Set<String> VOLATILE = Set.of("evaluationId", "id", "recordId", "evaluatedAt", "generatedAt", "recordedAt",
            "loadedAt", "lastAttempt", "millis", "batchId", "previousHash", "contentHash", "headHash", "headSeq", "recordsChecked",
            "total", "seq", "rulebookVersion", "version", "previousVersion", "currentVersion", "storedVersion", "sha256",
            "serviceVersion", "scenariosRun", "ruleCount", "files", "location", "line",
            "number", "recordSeq", "takenAt", "keyId", "signature", "publicKey", "reason", "checkpointsChecked", "servedSince",
            "servingVersion", "candidateVersion", "recordsUpTo",
            "startedAfterSeq", "recordsWalked", "verifiedAt", "anchorNumber", "anchorSeq");
    // A reload's note names when the serving version was swapped in; a trail entry's note is compared in full.
    static final int LIST_LIMIT = 20;
    static final int KEEP = 3;

    final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    final List<String> mismatches = new ArrayList<>();
    final Set<String> sent = new HashSet<>();

    @Test
    void everyDocumentedExampleIsWhatTheServiceAnswers() throws IOException {
        JsonNode evaluation = call("EvaluationResource_evaluate", "POST", "/api/v1/evaluations", "evaluator", 200);
        call("EvaluationResource_evaluate", "POST", "/api/v1/evaluations", "evaluator", 400);
        JsonNode batch = call("EvaluationResource_batch", "POST", "/api/v1/evaluations/batch", "evaluator", 200);
        String id = evaluation.path("evaluationId").asText();
        String batchId = batch.path("batchId").asText();
        call("EvaluationResource_record", "GET", "/api/v1/evaluations/" + id, "auditor", 200);
        call("EvaluationResource_search", "GET", "/api/v1/evaluations?batch=" + batchId, "auditor", 200);
        call("EvaluationResource_replay", "POST", "/api/v1/evaluations/" + id + "/replay", "auditor", 200);
        call("AuditResource_verify", "GET", "/api/v1/audit/verify", "auditor", 200);
        JsonNode kept = call("AuditResource_take", "POST", "/api/v1/audit/checkpoints", "auditor", 200);
        call("AuditResource_latest", "GET", "/api/v1/audit/checkpoints/latest", "auditor", 200);
        call("AuditResource_checkpoints", "GET", "/api/v1/audit/checkpoints?size=1", "auditor", 200);
        // the documented request is a checkpoint this very run signed: its signature is checked for real
        call("AuditResource_verifyAgainst", "POST", "/api/v1/audit/verify", "auditor", 200, kept);
        call("AuditResource_publicKey", "GET", "/api/v1/audit/public-key", null, 200);
        call("RulebookResource_list", "GET", "/api/v1/rulebooks", "evaluator", 200);
        call("RulebookResource_one", "GET", "/api/v1/rulebooks/2016", "evaluator", 200);
        call("RulebookResource_reload", "POST", "/api/v1/rulebooks/2016/reload", "author", 200);
        call("RulebookResource_validate", "POST", "/api/v1/rulebooks/validate", "author", 200);
        call("RulebookResource_clauses", "GET", "/api/v1/rulebooks/2016/clauses", "evaluator", 200);
        call("RulebookResource_rules", "GET", "/api/v1/rulebooks/2016/rules", "evaluator", 200);
        call("UnitResource_units", "GET", "/api/v1/units?year=2016", "evaluator", 200);
        call("ReportResource_report", "GET", "/api/v1/reports/2016?batch=" + batchId, "auditor", 200);
        call("ImpactResource_impact", "POST", "/api/v1/impact/2016?batch=" + batchId, "author", 200);
        call("PingResource_ping", "GET", "/api/v1/ping", null, 200);

        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (CampaignExamplesTest.SENDS.stream().anyMatch(name::startsWith)) {
                    continue; // the assessment year's: sent by CampaignExamplesTest, on a database of its own (a year opens once)
                }
                if (AdoptionExamplesTest.SENDS.stream().anyMatch(name::startsWith)) {
                    continue; // the adoption ledger's: sent by AdoptionExamplesTest, on a database of its own (an adoption is entered once)
                }
                assertTrue(sent.contains(name), name + " is documented but no test sends it or checks it");
            }
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    /** Sends the operation's documented request for {@code status} (if any) and checks the answer against its documented example. */
    private JsonNode call(String operationId, String method, String path, String user, int status) throws IOException {
        return call(operationId, method, path, user, status, null);
    }

    /** As above, sending {@code live} (a body only this run can make) and documenting it as the request. */
    private JsonNode call(String operationId, String method, String path, String user, int status, JsonNode live) throws IOException {
        Path request = EXAMPLES.resolve(operationId + ".request." + status + ".json");
        RequestSpecification spec = user == null ? given() : given().auth().preemptive().basic(user, user + "-dev");
        if (live != null) {
            sent.add(request.getFileName().toString());
            if (WRITE) {
                Files.writeString(request, mapper.writeValueAsString(live) + "\n", StandardCharsets.UTF_8);
            } else if (!Files.exists(request)) {
                mismatches.add(request + " is missing: run with -Dapi.examples.write=true");
            }
            spec = spec.contentType("application/json").body(mapper.writeValueAsString(live));
        } else if (Files.exists(request)) {
            sent.add(request.getFileName().toString());
            JsonNode body = mapper.readTree(Files.readString(request, StandardCharsets.UTF_8));
            spec = body.isTextual() ? spec.contentType("text/plain").body(body.asText())
                    : spec.contentType("application/json").body(Files.readString(request, StandardCharsets.UTF_8));
        }
        Response response = method.equals("GET") ? spec.get(path) : spec.post(path);
        assertEquals(status, response.statusCode(), operationId + " " + path + ": " + response.asString());
        JsonNode actual = mapper.readTree(response.asString());
        Path example = EXAMPLES.resolve(operationId + ".response." + status + ".json");
        sent.add(example.getFileName().toString());
        if (WRITE) {
            Files.writeString(example, mapper.writeValueAsString(shorten(actual.deepCopy())) + "\n", StandardCharsets.UTF_8);
        } else if (!Files.exists(example)) {
            mismatches.add(example + " is missing: run with -Dapi.examples.write=true");
        } else {
            compare(operationId + "." + status, mapper.readTree(Files.readString(example, StandardCharsets.UTF_8)), actual);
        }
        return actual;
    }

    static JsonNode shorten(JsonNode node) {
        if (node instanceof ArrayNode array) {
            if (array.size() > LIST_LIMIT) {
                while (array.size() > KEEP) {
                    array.remove(array.size() - 1);
                }
            }
            array.forEach(ApiExamplesTest::shorten);
        } else if (node instanceof ObjectNode object) {
            object.forEach(ApiExamplesTest::shorten);
        }
        return node;
    }

    void compare(String at, JsonNode example, JsonNode actual) {
        if (example.isObject() && actual.isObject()) {
            Set<String> names = new HashSet<>();
            example.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode e = example.get(name);
                JsonNode a = actual.get(name);
                if (e == null || a == null) {
                    mismatches.add(at + "." + name + ": " + (e == null ? "answered but not in the example" : "in the example but not answered"));
                } else if (VOLATILE.contains(name) || (name.equals("note") && at.startsWith("RulebookResource_reload"))) {
                    if (e.getNodeType() != a.getNodeType()) {
                        mismatches.add(at + "." + name + ": example is " + e.getNodeType() + ", answer is " + a.getNodeType());
                    }
                } else {
                    compare(at + "." + name, e, a);
                }
            }
        } else if (example.isArray() && actual.isArray()) {
            boolean shortened = example.size() == KEEP && actual.size() > LIST_LIMIT;
            if (example.size() != actual.size() && !shortened) {
                mismatches.add(at + ": " + example.size() + " entries in the example, " + actual.size() + " answered");
                return;
            }
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            for (JsonNode e : example) {
                compare(at + "[" + i++ + "]", e, a.next());
            }
        } else if (example.isNumber() && actual.isNumber()) {
            if (example.decimalValue().compareTo(actual.decimalValue()) != 0) {
                mismatches.add(at + ": example " + example + ", answered " + actual);
            }
        } else if (!example.equals(actual)) {
            mismatches.add(at + ": example " + example + ", answered " + actual);
        }
    }
}
