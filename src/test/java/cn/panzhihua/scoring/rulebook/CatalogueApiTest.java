package cn.panzhihua.scoring.rulebook;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/** What a caller builds its forms from: units, finding codes, channels; and the service's health and API document. */
@QuarkusTest
class CatalogueApiTest {

    @Test
    void unitRegistryWithTargetsAndAssessments() {
        given().when().get("/api/v1/units?year=2016").then().statusCode(200)
                .body("year", equalTo(2016))
                .body("count", equalTo(72))
                .body("units", hasSize(72))
                .body("units.find { it.name == '市财政局' }.category", equalTo("MUNICIPAL_DEPARTMENT"))
                .body("units.find { it.name == '市财政局' }.municipalTarget", equalTo(80))
                .body("units.find { it.name == '市财政局' }.provincialTarget", equalTo(6))
                .body("units.find { it.name == '市财政局' }.assessments.disclosure", equalTo(true))
                .body("units.find { it.name == '东区政府' }.assessments.disclosure", equalTo(false))
                .body("units.find { it.name == '东区政府' }.note", equalTo("含省直报点采用"))
                .body("units.find { it.name == '市总工会' }.assessments.efficiency", equalTo(false))
                .body("units.find { it.name == '市政府办公室' }.municipalTarget", equalTo(300))
                .body("units.findAll { it.category == 'COUNTY' }", hasSize(5))
                .body("units.findAll { it.category == 'MASS_ORGANIZATION' }", hasSize(9));
    }

    @Test
    void clauseCatalogueGivesTextAndPoints() {
        given().when().get("/api/v1/rulebooks/2016/clauses").then().statusCode(200)
                .body("findings.code", hasItems("D-1.1", "D-V4", "E-1", "I-2.1-DUP", "I-2.1-URGENT", "I-V"))
                .body("findings.find { it.code == 'D-1.2' }.points", equalTo(-2.5f))
                .body("findings.find { it.code == 'D-1.2' }.assessment", equalTo("disclosure"))
                .body("findings.find { it.code == 'D-1.2' }.rules[0].text", containsString("没有参加政务（信息）公开专题培训"))
                .body("findings.find { it.code == 'I-2.1-DUP' }.rules[0].clause", equalTo("I-2.1"))
                .body("channels", hasSize(8))
                .body("channels.find { it.code == 'STATE_COUNCIL_SPECIAL' }.points", equalTo(8))
                .body("channels.find { it.code == 'CITY_BULLETIN' }.rules[0].text", equalTo("《攀政快讯》采用 1 条信息计 4 分"))
                .body("items.find { it.code == 'I-3' }.max", equalTo(80));
    }

    @Test
    void ruleCatalogueNamesFileAndLine() {
        given().when().get("/api/v1/rulebooks/2016/rules").then().statusCode(200)
                .body("size()", greaterThan(60))
                .body("find { it.clause == 'E-2' }.file", equalTo("2016/efficiency/table.drl"))
                .body("find { it.clause == 'E-2' }.line", greaterThan(0));
    }

    @Test
    void readyOnceTheRulebookCompiled() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'rulebooks' }.data.2016", containsString("2016-"));
    }

    @Test
    void openApiDocumentDescribesTheEvaluationEndpoint() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/evaluations'.post", org.hamcrest.Matchers.notNullValue());
    }
}
