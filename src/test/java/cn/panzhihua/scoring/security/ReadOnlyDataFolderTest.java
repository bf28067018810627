package cn.panzhihua.scoring.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/**
 * Issue 18 §4: the data folder made read-only while the service runs. The embedded database would go
 * on writing through its open file (and the tests run as root, whom permissions do not stop), so the
 * service asks the folder's permissions itself: readiness DOWN and recorded evaluations 503 while it
 * is read-only, dry runs still answered, and everything back once it is writable again.
 */
@QuarkusTest
class ReadOnlyDataFolderTest {

    static final String REQUEST = """
            {"unit": "市财政局", "year": 2016, "findings": [{"code": "E-1", "count": 2}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";

    @ConfigProperty(name = "data.dir")
    Path dataDir;

    static io.restassured.response.Response evaluate(boolean record) {
        return given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON).body(REQUEST)
                .post("/api/v1/evaluations?record=" + record);
    }

    @Test
    void aFolderMadeReadOnlyWhileRunningStopsRecordsAndReadiness() throws Exception {
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(dataDir);
        evaluate(true).then().statusCode(200);
        try {
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("r-x------"));
            given().get("/q/health/ready").then().statusCode(503)
                    .body(containsString("decision records cannot be written")).body(containsString("the database is read-only"));
            evaluate(true).then().statusCode(503).contentType("application/problem+json");
            evaluate(false).then().statusCode(200); // a dry run stores nothing and is still answered
        } finally {
            Files.setPosixFilePermissions(dataDir, before);
        }
        given().get("/q/health/ready").then().statusCode(200);
        evaluate(true).then().statusCode(200);
    }
}
