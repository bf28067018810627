package cn.panzhihua.scoring.openapi;

import cn.panzhihua.scoring.adoption.AdoptionProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adoption ledger's documented examples are what the service answers (compared as
 * {@link CampaignExamplesTest} compares, ids and times by kind), on a database of its own: an adoption
 * is entered once. Rewrite with {@code -Dapi.examples.write=true} and review the diff.
 */
@QuarkusTest
@TestProfile(AdoptionProfile.Examples.class)
class AdoptionExamplesTest {

    static final List<String> SENDS = List.of("AdoptionResource_");
    static final String L = "/api/v1/adoptions/2016";

    final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    final ApiExamplesTest checker = new ApiExamplesTest();
    final Set<String> sent = new HashSet<>();

    @Test
    void everyDocumentedExampleOfTheLedgerIsWhatTheServiceAnswers() throws IOException {
        JsonNode added = call("AdoptionResource_add", "POST", L + "/entries", "evaluator");
        String id = added.path("entries").get(0).path("id").asText();
        call("AdoptionResource_correct", "POST", L + "/entries/" + id + "/correction", "evaluator");
        call("AdoptionResource_submissions", "POST", L + "/submissions", "evaluator");
        call("AdoptionResource_importSheet", "POST", L + "/import", "evaluator");
        call("AdoptionResource_ledger", "GET", L + "?unit=市财政局", "caizheng");
        call("AdoptionResource_quarter", "GET", L + "/quarters/1", "auditor");
        try (Stream<Path> files = Files.list(ApiExamplesTest.EXAMPLES)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (SENDS.stream().anyMatch(name::startsWith)) {
                    assertTrue(sent.contains(name), name + " is documented but no test sends it or checks it");
                }
            }
        }
        assertTrue(checker.mismatches.isEmpty(), String.join("\n", checker.mismatches));
    }

    private JsonNode call(String operationId, String method, String path, String user) throws IOException {
        Path request = ApiExamplesTest.EXAMPLES.resolve(operationId + ".request.200.json");
        RequestSpecification spec = given().auth().preemptive().basic(user, user + "-dev");
        if (Files.exists(request)) {
            sent.add(request.getFileName().toString());
            JsonNode body = mapper.readTree(Files.readString(request, StandardCharsets.UTF_8));
            spec = body.isTextual() ? spec.contentType("text/csv; charset=UTF-8").body(body.asText().getBytes(StandardCharsets.UTF_8))
                    : spec.contentType(ContentType.JSON).body(Files.readString(request, StandardCharsets.UTF_8));
        }
        Response response = method.equals("GET") ? spec.get(path) : spec.post(path);
        assertEquals(200, response.statusCode(), operationId + ": " + response.asString());
        JsonNode actual = mapper.readTree(response.asString());
        Path example = ApiExamplesTest.EXAMPLES.resolve(operationId + ".response.200.json");
        sent.add(example.getFileName().toString());
        if (ApiExamplesTest.WRITE) {
            Files.writeString(example, mapper.writeValueAsString(ApiExamplesTest.shorten(actual.deepCopy())) + "\n", StandardCharsets.UTF_8);
        } else if (!Files.exists(example)) {
            checker.mismatches.add(example + " is missing: run with -Dapi.examples.write=true");
        } else {
            JsonNode documented = mapper.readTree(Files.readString(example, StandardCharsets.UTF_8));
            checker.compare(operationId + ".200", documented, CampaignExamplesTest.settle(documented, actual.deepCopy(), null));
        }
        return actual;
    }
}
