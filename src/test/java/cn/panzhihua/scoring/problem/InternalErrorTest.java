package cn.panzhihua.scoring.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 §5: a 5xx answers a correlation id (body and header) and nothing of what failed inside:
 * no SQL, no stack trace, no class names. The log has the detail under the same id.
 */
@QuarkusTest
class InternalErrorTest {

    static final List<String> INSIDE = List.of("INSERT", "SQL", "decision_record", "org.", "java.", "Exception", "drools", "Drools",
            "BigInteger", "rubric.common", "\tat ", "90097");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @ParameterizedTest
    @ValueSource(strings = {"sql", "drools", "checked", "error", "web", "problem"})
    void aFailureAnswersACorrelationIdAndNothingFromInside(String how) {
        ExtractableResponse<Response> answer = given().get("/test/failing/" + how).then().contentType("application/problem+json").extract();
        int status = answer.statusCode();
        assertEquals(how.equals("problem") ? 503 : 500, status);
        String body = answer.body().asString();
        String shown = body.replace("\"instance\":\"/test/failing/" + how + "\"", "");
        for (String inside : INSIDE) {
            assertFalse(shown.contains(inside), "the " + status + " answer shows '" + inside + "': " + body);
        }
        String id = answer.path("correlationId");
        assertTrue(id != null && UUID.matcher(id).matches(), body);
        assertEquals(id, answer.header(ProblemMappers.CORRELATION_HEADER));
        assertTrue(answer.<String>path("detail").contains(id), body);
        if (how.equals("problem")) {
            assertTrue(answer.<String>path("detail").startsWith("decision records cannot be written just now"), body);
        }
    }
}
