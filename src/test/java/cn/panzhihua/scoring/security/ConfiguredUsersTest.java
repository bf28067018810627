package cn.panzhihua.scoring.security;

import cn.panzhihua.scoring.audit.RecordStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Production settings with what an operator configures: one user with a hashed password, and
 * anonymous evaluation allowed. The user's records name the user; an anonymous caller may evaluate a
 * dry run but never record, whatever api.anonymous says.
 */
@QuarkusTest
@TestProfile(ConfiguredUsersTest.Operator.class)
class ConfiguredUsersTest {

    public static class Operator extends ProductionProfile {
        @Override
        protected Map<String, String> operatorSettings() {
            // printf '%s' 'clerk:Quarkus:s3cret-Passw0rd' | sha512sum  (docs/security.md)
            return Map.of("quarkus.security.users.embedded.users.clerk",
                    "7b46ad40dd4376d4a0f6a4f80d761b2fb1e836b4634825e30148fbb4d920591bac754ac7c8e8065d382ea1281dd0715bdcf4d4f4792b3ff71b92bc231ac008ff",
                    "quarkus.security.users.embedded.roles.clerk", "evaluator",
                    "api.anonymous", "evaluate");
        }
    }

    @Inject
    RecordStore records;

    @Inject
    SecuritySettings settings;

    @Test
    void aConfiguredUsersRecordNamesTheUser() {
        String id = given().auth().preemptive().basic("clerk", "s3cret-Passw0rd").contentType(ContentType.JSON).body(RoleMatrixTest.REQUEST)
                .post("/api/v1/evaluations").then().statusCode(200).body("recorded", equalTo(true)).extract().path("evaluationId");
        assertEquals("clerk", records.find(id).orElseThrow().recordedBy());
        given().auth().preemptive().basic("clerk", "wrong").contentType(ContentType.JSON).body(RoleMatrixTest.REQUEST)
                .post("/api/v1/evaluations").then().statusCode(401);
        assertTrue(settings.warnings().stream().noneMatch(w -> w.startsWith("no identity source")), settings.warnings().toString());
    }

    @Test
    void anonymousCallersMayNotRecordEvenWhereTheyMayEvaluate() {
        given().contentType(ContentType.JSON).body(RoleMatrixTest.REQUEST).post("/api/v1/evaluations?record=false")
                .then().statusCode(200).body("recorded", equalTo(false));
        given().contentType(ContentType.JSON).body(RoleMatrixTest.REQUEST).post("/api/v1/evaluations")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("recording an evaluation needs credentials"));
        given().contentType(ContentType.JSON).body("{\"items\": [" + RoleMatrixTest.REQUEST + "]}").post("/api/v1/evaluations/batch")
                .then().statusCode(401);
    }
}
