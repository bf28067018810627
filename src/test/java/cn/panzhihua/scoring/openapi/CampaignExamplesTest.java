package cn.panzhihua.scoring.openapi;

import cn.panzhihua.scoring.campaign.CampaignClock;
import cn.panzhihua.scoring.campaign.CampaignProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assessment year's documented examples are what the service answers (as {@link ApiExamplesTest}
 * does for the others, with its comparison): a year is walked on a database of its own, each documented
 * request is sent and each documented answer compared. Ids, hashes and times are compared by type only.
 * Rewrite with {@code -Dapi.examples.write=true} and review the diff.
 */
@QuarkusTest
@TestProfile(CampaignProfile.Separate.class)
class CampaignExamplesTest {

    /** The operations whose example files this test sends (ApiExamplesTest leaves them to it). */
    static final List<String> SENDS = List.of("CampaignResource_", "PublicNoticeResource_");
    static final String Y = "/api/v1/campaigns/2016";
    static final Pattern VOLATILE_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64}"
            + "|\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z|/api/v1/campaigns/\\d+/files/.*|[0-9a-f-]{36}");
    static final Set<String> VOLATILE_NUMBERS = Set.of("checkpoint", "publishedCheckpoint", "confirmedCheckpoint", "seq", "number",
            "recordSeq", "headSeq");

    final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    final ApiExamplesTest checker = new ApiExamplesTest();
    final Set<String> sent = new HashSet<>();

    @Inject
    CampaignClock clock;

    @Test
    void everyDocumentedExampleOfTheYearIsWhatTheServiceAnswers() throws IOException {
        byte[] pdf = ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
        on("2017-01-10");
        call("CampaignResource_open", "POST", Y, "evaluator");
        call("CampaignResource_selfAssess", "PUT", Y + "/units/市财政局/self-assessment/D-1", "caizheng");
        check("CampaignResource_uploadSelf", as("caizheng").queryParam("name", "专题汇报纪要.pdf").contentType("application/octet-stream")
                .body(pdf).post(Y + "/units/市财政局/self-assessment/D-1/files"));
        call("CampaignResource_unit", "GET", Y + "/units/市财政局", "caizheng");
        JsonNode units = mapper.readTree(given().get("/api/v1/units?year=2016").asString()).path("units");
        for (JsonNode unit : units) {
            String name = unit.path("name").asText();
            if (name.equals("市财政局")) {
                call("CampaignResource_facts", "PUT", Y + "/units/市财政局/facts", "evaluator");
            } else {
                assertEquals(200, as("evaluator").contentType(ContentType.JSON)
                        .body("{\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}}").put(Y + "/units/" + name + "/facts").statusCode());
            }
        }
        check("CampaignResource_uploadFinding", as("evaluator").queryParam("name", "抽查记录.pdf").contentType("application/octet-stream")
                .body(pdf).post(Y + "/units/市财政局/facts/files"));
        on("2017-01-16");
        call("CampaignResource_reopen", "POST", Y + "/units/市财政局/reopen", "evaluator");
        call("CampaignResource_year", "GET", Y, "evaluator");
        call("CampaignResource_evaluate", "POST", Y + "/evaluate", "evaluator");
        call("CampaignResource_evaluation", "GET", Y + "/units/市财政局/evaluation", "evaluator");
        on("2017-01-31");
        call("CampaignResource_publish", "POST", Y + "/publish", "evaluator");
        call("PublicNoticeResource_notice", "GET", "/api/v1/public/campaigns/2016", null);
        on("2017-02-03");
        JsonNode objection = call("CampaignResource_object", "POST", Y + "/units/市财政局/objections", "caizheng");
        String id = objection.path("id").asText();
        check("CampaignResource_uploadObjection", as("caizheng").queryParam("name", "问责制度.pdf").contentType("application/octet-stream")
                .body(pdf).post(Y + "/objections/" + id + "/files"));
        call("CampaignResource_decide", "POST", Y + "/objections/" + id + "/decision", "evaluator");
        on("2017-02-08");
        call("CampaignResource_confirm", "POST", Y + "/confirm", "evaluator");
        call("CampaignResource_handOver", "POST", Y + "/handover", "evaluator");
        call("CampaignResource_handoverPackage", "GET", Y + "/handover", "supervisor");
        call("CampaignResource_events", "GET", Y + "/events", "auditor");

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

    void on(String day) {
        clock.use(Clock.fixed(LocalDate.parse(day).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai")));
    }

    static RequestSpecification as(String user) {
        return user == null ? given() : given().auth().preemptive().basic(user, user + "-dev");
    }

    /** Sends the documented request (if any) and checks the answer against the documented one. */
    private JsonNode call(String operationId, String method, String path, String user) throws IOException {
        Path request = ApiExamplesTest.EXAMPLES.resolve(operationId + ".request.200.json");
        RequestSpecification spec = as(user);
        if (Files.exists(request)) {
            sent.add(request.getFileName().toString());
            spec = spec.contentType(ContentType.JSON).body(Files.readString(request, StandardCharsets.UTF_8));
        }
        Response response = switch (method) {
            case "GET" -> spec.get(path);
            case "PUT" -> spec.put(path);
            default -> spec.post(path);
        };
        return check(operationId, response);
    }

    private JsonNode check(String operationId, Response response) throws IOException {
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
            checker.compare(operationId + ".200", documented, settle(documented, actual.deepCopy(), null));
        }
        return actual;
    }

    /** The answer with its ids, hashes, times and checkpoint numbers taken from the example where both are of one kind. */
    static JsonNode settle(JsonNode example, JsonNode actual, String name) {
        if (example == null || actual == null) {
            return actual;
        }
        if (actual.isTextual() && example.isTextual() && VOLATILE_TEXT.matcher(actual.asText()).find()
                && VOLATILE_TEXT.matcher(example.asText()).find()) {
            return example;
        }
        if (actual.isNumber() && example.isNumber() && name != null && VOLATILE_NUMBERS.contains(name)) {
            return example;
        }
        if (actual instanceof ObjectNode object && example.isObject()) {
            List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            Map<String, JsonNode> settled = new java.util.LinkedHashMap<>();
            for (String field : names) {
                JsonNode replaced = settle(example.get(field), object.get(field), field);
                settled.put(field, replaced);
            }
            settled.forEach(object::set);
            // a map keyed by unit whose values are record ids: compared as such already
        } else if (actual instanceof ArrayNode array && example.isArray()) {
            Iterator<JsonNode> e = example.elements();
            for (int i = 0; i < array.size() && e.hasNext(); i++) {
                array.set(i, settle(e.next(), array.get(i), name));
            }
        }
        return actual;
    }
}
