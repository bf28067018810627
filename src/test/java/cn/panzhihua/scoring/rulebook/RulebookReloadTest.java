package cn.panzhihua.scoring.rulebook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule authors edit a running service's rules: good edits swap in, bad ones never serve. */
@QuarkusTest
@TestProfile(EditableRulesProfile.class)
@TestSecurity(user = "author", roles = {"rule-author", "evaluator"})
class RulebookReloadTest {

    static final String D12_TEXT = "没有必要的办公条件、设备设施和专项工作经费保障，没有参加政务（信息）公开专题培训（扣 2.5 分）";
    static final String EVALUATION = """
            {"unit": "市财政局", "year": %d, "findings": [{"code": "D-1.2", "note": "未参加专题培训"}],
             "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8]}}""";

    @AfterEach
    void restore() throws IOException {
        EditableRulesProfile.copy(EditableRulesProfile.PRISTINE.resolve("2016"), book(2016));
        given().post("/api/v1/rulebooks/2016/reload").then().statusCode(200);
    }

    @Test
    void reloadingUnchangedFilesKeepsTheVersion() {
        String version = version(2016);
        given().post("/api/v1/rulebooks/2016/reload").then().statusCode(200)
                .body("status", equalTo("UNCHANGED")).body("version", equalTo(version)).body("scenariosRun", greaterThan(200));
    }

    @Test
    void aCompileErrorIsReportedAndTheOldVersionKeepsServing() throws IOException {
        String version = version(2016);
        edit(2016, "disclosure/organisation.drl", s -> s.replace("Line(code == \"D-1.2\")\n    accumulate( $f : Finding(code == \"D-1.2\"",
                "Line(code == \"D-1.2\"\n    accumulate( $f : Finding(code == \"D-1.2\""));
        given().post("/api/v1/rulebooks/2016/reload").then().statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Rulebook rejected"))
                .body("detail", containsString(version + " keeps serving"))
                .body("errors[0].file", equalTo("2016/disclosure/organisation.drl"))
                .body("errors[0].line", greaterThan(0));
        given().get("/api/v1/rulebooks/2016").then().statusCode(200)
                .body("status", equalTo("SERVING_PREVIOUS")).body("version", equalTo(version))
                .body("lastError.compileErrors[0].file", equalTo("2016/disclosure/organisation.drl"));
        evaluate(2016).body("rulebookVersion", equalTo(version)).body("disclosure.score", equalTo(97.5f));
    }

    @Test
    void aFailingScenarioIsReportedWithExpectedAndActual() throws IOException {
        String version = version(2016);
        edit(2016, "disclosure/organisation.scenarios.json", s -> s.replaceFirst("\"disclosure.items\\[D-1\\]\": 7.5", "\"disclosure.items[D-1]\": 7"));
        given().post("/api/v1/rulebooks/2016/reload").then().statusCode(422)
                .body("errors.file", hasItem("2016/disclosure/organisation.scenarios.json"))
                .body("failedScenarios[0].file", equalTo("2016/disclosure/organisation.scenarios.json"))
                .body("failedScenarios[0].failures[0]", equalTo("disclosure.items[D-1]: expected 7, actual 7.5"))
                .body("compileErrors", org.hamcrest.Matchers.empty());
        evaluate(2016).body("rulebookVersion", equalTo(version)).body("disclosure.score", equalTo(97.5f));
    }

    @Test
    void compileErrorsAndFailedScenariosHaveSeparateNames() throws IOException {
        edit(2016, "disclosure/organisation.drl", s -> s.replace("Line(code == \"D-1.2\")\n    accumulate( $f : Finding(code == \"D-1.2\"",
                "Line(code == \"D-1.2\"\n    accumulate( $f : Finding(code == \"D-1.2\""));
        given().post("/api/v1/rulebooks/2016/reload").then().statusCode(422)
                .body("compileErrors[0].file", equalTo("2016/disclosure/organisation.drl"))
                .body("failedScenarios", org.hamcrest.Matchers.empty())
                .body("detail", containsString("compile error(s), 0 failed scenario(s)"));
    }

    @Test
    void aGoodEditSwapsInANewVersion() throws IOException {
        String version = version(2016);
        edit(2016, "disclosure/organisation.drl", s -> s.replace(D12_TEXT, D12_TEXT + "（修订）"));
        // The watcher may have swapped it in already; either way a new version serves.
        String next = given().post("/api/v1/rulebooks/2016/reload").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.oneOf("SWAPPED", "UNCHANGED"))
                .extract().path("version");
        assertNotEquals(version, next);
        evaluate(2016).body("rulebookVersion", equalTo(next))
                .body("trail.find { it.clause == 'D-1.2' }.text", equalTo(D12_TEXT + "（修订）"));
    }

    @Test
    void theWatcherReloadsAMomentAfterAFileChanges() throws Exception {
        String version = version(2016);
        edit(2016, "disclosure/organisation.drl", s -> s.replace(D12_TEXT, D12_TEXT + "（监视）"));
        String seen = version;
        for (int i = 0; i < 100 && seen.equals(version); i++) {
            Thread.sleep(100);
            seen = version(2016);
        }
        assertNotEquals(version, seen, "the watcher did not reload within 10 s");
        evaluate(2016).body("trail.find { it.clause == 'D-1.2' }.text", equalTo(D12_TEXT + "（监视）"));
    }

    /**
     * docs/rules-layout.md, "Writing next year's rubric": copy 2016 to 2017, move the scenarios' dates a year on,
     * change a unit's adoption target, add a scenario for it, reload. 2017 serves; 2016 is unchanged.
     */
    @Test
    void aNewYearFolderServesBesideTheOldOne() throws IOException {
        Path y2017 = book(2017);
        EditableRulesProfile.delete(y2017);
        EditableRulesProfile.copy(book(2016), y2017);
        edit(2017, "rulebook.properties", s -> s.replace("year=2016", "year=2017"));
        try (var files = Files.walk(y2017)) {
            for (Path scenario : files.filter(p -> p.toString().endsWith(".scenarios.json")).toList()) {
                Files.writeString(scenario, Files.readString(scenario)
                        .replace("\"2017-", "\"2018-").replace("\"2016-", "\"2017-").replace("\"2015-", "\"2016-"));
            }
        }
        edit(2017, "units.tsv", s -> s.replace("市烟草专卖局\tMUNICIPAL_DEPARTMENT\t24\t0", "市烟草专卖局\tMUNICIPAL_DEPARTMENT\t30\t0"));
        Files.writeString(y2017.resolve("information/adoption-tiers.scenarios.json"),
                Files.readString(y2017.resolve("information/adoption-tiers.scenarios.json")).replaceFirst("\"scenarios\": \\[", """
                        "scenarios": [
                            {"name": "2017: 市烟草专卖局's municipal target is 30; 6 × 4 = 24 is 80% → 70% of 80 = 56; score 76 → 2.28",
                             "given": {"unit": "市烟草专卖局", "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8], "adoptions": [
                               {"channel": "CITY_BULLETIN", "date": "2017-01-10"}, {"channel": "CITY_BULLETIN", "date": "2017-02-10"},
                               {"channel": "CITY_BULLETIN", "date": "2017-03-10"}, {"channel": "CITY_BULLETIN", "date": "2017-04-10"},
                               {"channel": "CITY_BULLETIN", "date": "2017-05-10"}, {"channel": "CITY_BULLETIN", "date": "2017-06-10"}]}},
                             "expect": {"values": {"information.adoption.municipal.target": 30, "information.adoption.municipal.tier": 70,
                                                   "information.score": 76, "information.contribution": 2.28}}},"""));
        given().post("/api/v1/rulebooks/2017/reload").then().statusCode(200)
                .body("version", containsString("2017-"));
        String adoptions = """
                {"unit": "市烟草专卖局", "year": %d, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8], "adoptions": [
                  {"channel": "CITY_BULLETIN", "date": "%d-01-10"}, {"channel": "CITY_BULLETIN", "date": "%d-02-10"},
                  {"channel": "CITY_BULLETIN", "date": "%d-03-10"}, {"channel": "CITY_BULLETIN", "date": "%d-04-10"},
                  {"channel": "CITY_BULLETIN", "date": "%d-05-10"}, {"channel": "CITY_BULLETIN", "date": "%d-06-10"}]}}""";
        given().contentType(ContentType.JSON).body(adoptions.replace("%d", "2017")).post("/api/v1/evaluations").then().statusCode(200)
                .body("rulebookVersion", containsString("2017-")).body("information.score", equalTo(76));
        given().contentType(ContentType.JSON).body(adoptions.replace("%d", "2016")).post("/api/v1/evaluations").then().statusCode(200)
                .body("rulebookVersion", containsString("2016-")).body("information.score", equalTo(100));
        given().get("/api/v1/rulebooks").then().body("year", hasItem(2017));
        EditableRulesProfile.delete(y2017);
    }

    @Test
    void validateReportsLineAndColumnAndChangesNothing() throws IOException {
        String version = version(2016);
        String table = Files.readString(book(2016).resolve("efficiency/table.drl"));
        String consequence = "insertLogical(new Deduction($line, $line.points(), Evidence.of($found)));";
        assertTrue(table.contains(consequence), "a line rule's consequence, as this test breaks it");
        String broken = table.replace(consequence, "insertLogical(new Deduction($line, $line.points() +, Evidence.of($found)));");
        given().contentType("text/plain; charset=UTF-8").body(broken).post("/api/v1/rulebooks/validate?year=2016&file=efficiency/table.drl")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("errors[0].file", equalTo("2016/efficiency/table.drl")).body("errors[0].line", greaterThan(0));
        String renamed = Files.readString(book(2016).resolve("efficiency/table.drl")).replace("@clause(\"E-5\")", "@clause(\"E-6\")");
        given().contentType("text/plain; charset=UTF-8").body(renamed).post("/api/v1/rulebooks/validate?year=2016&file=efficiency/table.drl")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("errors.message", hasItem(containsString("names clause E-6")));
        given().contentType("text/plain; charset=UTF-8").body("package x;\nrule \"r\" when\n  String( length > )\nthen end\n")
                .post("/api/v1/rulebooks/validate")
                .then().statusCode(200).body("valid", equalTo(false)).body("errors[0].line", equalTo(3));
        given().contentType("text/plain; charset=UTF-8").body(Files.readString(book(2016).resolve("efficiency/table.drl")))
                .post("/api/v1/rulebooks/validate?year=2016&file=efficiency/table.drl")
                .then().statusCode(200).body("valid", equalTo(true));
        assertEquals(version, version(2016));
    }

    @Test
    void validateAnswersWhatAReloadWouldWithoutSwapping() throws IOException {
        String version = version(2016);
        String scenarios = Files.readString(book(2016).resolve("disclosure/organisation.scenarios.json"))
                .replaceFirst("\"disclosure.items\\[D-1\\]\": 7.5", "\"disclosure.items[D-1]\": 7");
        given().contentType("text/plain; charset=UTF-8").body(scenarios)
                .post("/api/v1/rulebooks/validate?year=2016&file=disclosure/organisation.scenarios.json")
                .then().statusCode(200).body("valid", equalTo(false)).body("wouldBe", equalTo("REJECTED"))
                .body("failedScenarios[0].failures[0]", equalTo("disclosure.items[D-1]: expected 7, actual 7.5"))
                .body("errors", org.hamcrest.Matchers.empty());
        String revised = Files.readString(book(2016).resolve("disclosure/organisation.drl")).replace(D12_TEXT, D12_TEXT + "（草稿）");
        String next = given().contentType("text/plain; charset=UTF-8").body(revised)
                .post("/api/v1/rulebooks/validate?year=2016&file=disclosure/organisation.drl")
                .then().statusCode(200).body("valid", equalTo(true)).body("wouldBe", equalTo("SWAPPED"))
                .body("scenariosRun", greaterThan(200)).extract().path("version");
        assertNotEquals(version, next);
        assertEquals(version, version(2016), "validation swaps nothing");
    }

    @Test
    void validatingAFileTheRulebookDoesNotHaveIsNoSuchFile() throws IOException {
        // A misspelt name used to be compiled as an extra file: 23 errors about duplicate rule names.
        given().contentType("text/plain; charset=UTF-8").body(Files.readString(book(2016).resolve("efficiency/table.drl")))
                .post("/api/v1/rulebooks/validate?year=2016&file=efficiency/tabel.drl")
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("No such file")).body("field", equalTo("file"))
                .body("detail", containsString("no such file: 2016/efficiency/tabel.drl"))
                .body("detail", containsString("efficiency/table.drl"));
    }

    @Test
    void aReloadAfterTheWatcherSwappedTheSameFilesSaysSo() throws Exception {
        String version = version(2016);
        edit(2016, "disclosure/organisation.drl", s -> s.replace(D12_TEXT, D12_TEXT + "（竞态）"));
        String seen = version;
        for (int i = 0; i < 100 && seen.equals(version); i++) {
            Thread.sleep(100);
            seen = version(2016);
        }
        assertNotEquals(version, seen, "the watcher did not reload within 10 s");
        given().post("/api/v1/rulebooks/2016/reload").then().statusCode(200)
                .body("status", equalTo("UNCHANGED")).body("version", equalTo(seen))
                .body("note", containsString("already serving " + seen + ", swapped in by the watcher at "));
    }

    @Test
    void reloadingAYearWithoutAFolderIs404() {
        given().post("/api/v1/rulebooks/2031/reload").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("year"));
        given().get("/api/v1/rulebooks/2016").then().body("files", hasItem("disclosure/organisation.drl"))
                .body("files", not(hasItem("disclosure/organisation.scenarios.json"))).body("loadedAt", notNullValue());
    }

    static io.restassured.response.ValidatableResponse evaluate(int year) {
        return given().contentType(ContentType.JSON).body(EVALUATION.formatted(year)).post("/api/v1/evaluations").then().statusCode(200);
    }

    static String version(int year) {
        return given().get("/api/v1/rulebooks/" + year).then().statusCode(200).extract().path("version");
    }

    static Path book(int year) {
        return EditableRulesProfile.RULES.resolve(String.valueOf(year));
    }

    static void edit(int year, String file, UnaryOperator<String> change) throws IOException {
        Path path = book(year).resolve(file);
        String before = Files.readString(path, StandardCharsets.UTF_8);
        String after = change.apply(before);
        assertNotEquals(before, after, "the edit of " + file + " changed nothing");
        Files.writeString(path, after, StandardCharsets.UTF_8);
    }
}
