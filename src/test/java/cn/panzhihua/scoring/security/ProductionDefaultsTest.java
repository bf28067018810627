package cn.panzhihua.scoring.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 §3: started with production settings and nothing configured, the service knows none of the
 * development users, lets anonymous callers do nothing, says at start-up what to configure, and keeps
 * its data folder to its own user.
 */
@QuarkusTest
@TestProfile(ProductionProfile.class)
class ProductionDefaultsTest {

    @Inject
    SecuritySettings settings;

    @Test
    void theDevelopmentUsersDoNotExist() {
        given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/audit/verify").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("not accepted"));
        given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON).body(RoleMatrixTest.REQUEST)
                .post("/api/v1/evaluations?record=false").then().statusCode(401);
    }

    @Test
    void anonymousCallersMayNeitherEvaluateNorRecord() {
        given().contentType(ContentType.JSON).body(RoleMatrixTest.REQUEST).post("/api/v1/evaluations").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(RoleMatrixTest.REQUEST).post("/api/v1/evaluations?record=false").then().statusCode(401);
        given().get("/api/v1/rulebooks/2016/clauses").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theStartSaysWhatToConfigure() {
        assertTrue(settings.warnings().stream().anyMatch(w -> w.startsWith("no identity source is configured")
                && w.contains("QUARKUS_OIDC_AUTH_SERVER_URL") && w.contains("quarkus.security.users.embedded.users.")), settings.warnings().toString());
    }

    @Test
    void theDataFolderIsTheServicesAlone() throws Exception {
        Path data = Path.of(ProductionProfile.DATA_DIR);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        Path database = data.resolve("records.mv.db");
        assertTrue(Files.exists(database), "the H2 database is in the data folder");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(database)));
        try (var files = Files.walk(data)) {
            files.forEach(path -> {
                try {
                    String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
                    assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), path.toString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
