package cn.panzhihua.scoring.impact;

import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an impact run answers, whatever database holds the records: run on H2 and on PostgreSQL.
 * Every population is a batch of its own, so records other tests store do not join it.
 */
@TestSecurity(user = "author", roles = {"rule-author", "evaluator"})
abstract class ImpactContract {

    static final Path RULES = Path.of("rules-drl/2016");

    static String file(String name) throws IOException {
        return Files.readString(RULES.resolve(name), StandardCharsets.UTF_8);
    }

    static String batch(String items) {
        return given().contentType(ContentType.JSON).body("{\"items\": [" + items + "]}").post("/api/v1/evaluations/batch")
                .then().statusCode(200).extract().path("batchId");
    }

    static String months() {
        return "\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]";
    }

    static String adoptions(String... channels) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < channels.length; i++) {
            s.append(i == 0 ? "" : ", ").append("{\"channel\": \"").append(channels[i]).append("\", \"date\": \"2016-0")
                    .append(1 + i).append("-15\"}");
        }
        return "[" + s + "]";
    }

    static JsonPath impact(String batch, Map<String, String> files) {
        return JsonPath.from(given().contentType(ContentType.JSON).body(Map.of("files", files)).queryParam("batch", batch)
                .post("/api/v1/impact/2016").then().statusCode(200).extract().asString());
    }

    /** The three units of the hand-worked example; each has a municipal adoption target of 24 and no provincial one (units.tsv). */
    static String threeAdoptingUnits() {
        return batch(String.join(",",
                "{\"unit\": \"市人防办\", \"year\": 2016, \"information\": {" + months() + ", \"adoptions\": "
                        + adoptions("CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN") + "}}",
                "{\"unit\": \"市烤烟办\", \"year\": 2016, \"information\": {" + months() + ", \"adoptions\": "
                        + adoptions("CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN", "CITY_BULLETIN") + "}}",
                "{\"unit\": \"市邮政管理局\", \"year\": 2016, \"information\": {" + months() + ", \"adoptions\": "
                        + adoptions("CITY_BULLETIN_SPECIAL", "CITY_BULLETIN_SPECIAL", "CITY_BULLETIN") + "}}"));
    }

    /** The draft of the issue: 《攀政快讯》 counts 5 instead of 4 (its row in channels.tsv, number and quoted text). */
    static String cityBulletinAtFive() throws IOException {
        String channels = file("channels.tsv");
        String changed = channels.replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t")
                .replace("《攀政快讯》采用 1 条信息计 4 分", "《攀政快讯》采用 1 条信息计 5 分");
        assertNotEquals(channels, changed);
        return changed;
    }

    /** A part of an answer, by a GPath prefix. */
    record At(JsonPath doc, String prefix) {
        <T> T get(String path) {
            return doc.get(prefix + "." + path);
        }

        int getInt(String path) {
            return doc.getInt(prefix + "." + path);
        }

        boolean getBoolean(String path) {
            return doc.getBoolean(prefix + "." + path);
        }

        <T> List<T> getList(String path) {
            return doc.getList(prefix + "." + path);
        }
    }

    static At unit(JsonPath impact, String name) {
        assertNotNull(impact.get("units.find { it.unit == '" + name + "' }"), name + " is not listed");
        return new At(impact, "units.find { it.unit == '" + name + "' }");
    }

    @Test
    void cityBulletinAtFivePointsMovesWhoItShould() throws IOException {
        JsonPath impact = impact(threeAdoptingUnits(), Map.of("channels.tsv", cityBulletinAtFive()));
        // Every unit: 8 a month → I-1, I-2.x 20 points; no findings → disclosure and efficiency 100, contribution 0.
        // I-3 is 80 × the tier of (adoption points / 24); information converts ×3 / 100 (municipal department).
        assertEquals(3, impact.getInt("evaluated"));
        assertEquals(3, impact.getInt("changed"), "every unit's adoption points change");
        assertEquals(1, impact.getInt("scoreChanged"), "only 市烤烟办's score moves");
        assertEquals(2, impact.getInt("trailOnlyChanged"), "市人防办 and 市邮政管理局: their tallies move, their scores do not");
        assertEquals(3, impact.getInt("ranked"));
        assertEquals(1, impact.getInt("rankChanged"));
        assertEquals(0, impact.getInt("rejected"));
        assertEquals(List.of("channels.tsv"), impact.getList("replacedFiles"));
        assertNotEquals(impact.getString("servingVersion"), impact.getString("candidateVersion"));

        // 市烤烟办: 4 × 4 = 16 of 24 = 66.7% → tier 50 → I-3 40, information 60 → 1.80; 4 × 5 = 20 = 83.3% → tier 70 → 56, 76 → 2.28.
        At kaoyan = unit(impact, "市烤烟办");
        assertDecimal("1.8", kaoyan.get("before.total"));
        assertDecimal("2.28", kaoyan.get("after.total"));
        assertDecimal("0.48", kaoyan.get("delta"));
        assertDecimal("60", kaoyan.get("before.information.score"));
        assertDecimal("76", kaoyan.get("after.information.score"));
        assertDecimal("1.8", kaoyan.get("before.information.contribution"));
        assertDecimal("2.28", kaoyan.get("after.information.contribution"));
        assertDecimal("0", kaoyan.get("after.disclosure.contribution"));
        // Ranked in 市级部门 as the 通报 ranks: 3.00, 2.28, 1.80 before; 3.00, 2.28, 2.28 after (a tie shares rank 2).
        assertEquals(3, kaoyan.getInt("before.rank"));
        assertEquals(2, kaoyan.getInt("after.rank"));
        assertDecimal("4", clause(kaoyan, "I-3", "TALLY MUNICIPAL").get("delta"));
        assertDecimal("16", clause(kaoyan, "I-3", "TIER MUNICIPAL").get("delta"));
        assertDecimal("0.48", clause(kaoyan, "I-CONV", "CONVERSION").get("delta"));
        assertEquals(3, kaoyan.getList("clauses").size());
        assertEquals(true, kaoyan.getBoolean("scoreChanged"));
        assertEquals(false, kaoyan.getBoolean("trailOnlyChanged"));

        // 市人防办: 6 × 4 = 24 = 100% already; 30 is still the full 80: only the tally moves (+6), no score.
        At renfang = unit(impact, "市人防办");
        assertDecimal("3", renfang.get("before.total"));
        assertDecimal("0", renfang.get("delta"));
        assertEquals(1, renfang.getInt("after.rank"));
        assertDecimal("24", clause(renfang, "I-3", "TALLY MUNICIPAL").get("stored"));
        assertDecimal("30", clause(renfang, "I-3", "TALLY MUNICIPAL").get("replayed"));
        assertEquals(1, renfang.getList("clauses").size());
        assertEquals(false, renfang.getBoolean("scoreChanged"));
        assertEquals(true, renfang.getBoolean("trailOnlyChanged"));

        // 市邮政管理局: 2 × 8 + 4 = 20 (83.3%) → 2 × 8 + 5 = 21 (87.5%): the same tier 70, so +1 tally point and nothing else.
        At youzheng = unit(impact, "市邮政管理局");
        assertDecimal("2.28", youzheng.get("after.total"));
        assertDecimal("0", youzheng.get("delta"));
        assertEquals(2, youzheng.getInt("before.rank"));
        assertEquals(2, youzheng.getInt("after.rank"));
        assertDecimal("1", clause(youzheng, "I-3", "TALLY MUNICIPAL").get("delta"));

        // Per clause over the three: the tally moved all three (+6 +4 +1), the tier and the conversion only 市烤烟办.
        At tally = clauseOf(impact, "I-3", "TALLY MUNICIPAL");
        assertEquals(3, tally.getInt("units"));
        assertEquals(3, tally.getInt("up"));
        assertEquals(0, tally.getInt("down"));
        assertDecimal("11", tally.get("points"));
        At tier = clauseOf(impact, "I-3", "TIER MUNICIPAL");
        assertEquals(1, tier.getInt("units"));
        assertDecimal("16", tier.get("points"));
        At conversion = clauseOf(impact, "I-CONV", "CONVERSION");
        assertEquals(1, conversion.getInt("units"));
        assertDecimal("0.48", conversion.get("points"));
        assertEquals(3, impact.getList("clauses").size());
        assertEquals(List.of("市烤烟办"), impact.getList("largestMoves.unit"), "only one total moved");
        assertEquals(3, impact.getInt("largestMoves[0].rankBefore"));
        assertEquals(2, impact.getInt("largestMoves[0].rankAfter"));
    }

    @Test
    void everyRecordOfABatchHasNoRank() throws IOException {
        String batch = threeAdoptingUnits();
        JsonPath impact = JsonPath.from(given().contentType(ContentType.JSON).body(Map.of("files", Map.of("channels.tsv", cityBulletinAtFive())))
                .queryParam("batch", batch).queryParam("population", "all").queryParam("top", "1")
                .post("/api/v1/impact/2016").then().statusCode(200).extract().asString());
        assertEquals("all", impact.getString("population"));
        assertEquals(3, impact.getInt("evaluated"));
        assertEquals(3, impact.getInt("changed"));
        assertEquals(0, impact.getInt("rankChanged"), "several records of a unit may be in the population: no ranking");
        assertNull(unit(impact, "市烤烟办").get("before.rank"));
        assertDecimal("0.48", unit(impact, "市烤烟办").get("delta"));
        assertEquals(List.of("市烤烟办"), impact.getList("largestMoves.unit"), "top=1");
    }

    @Test
    void aChangeThatAltersNothingHasNoImpact() throws IOException {
        String batch = threeAdoptingUnits();
        String veto = file("disclosure/veto.drl");
        JsonPath impact = impact(batch, Map.of("disclosure/veto.drl", veto + "\n// 草案：本条不变，只加说明\n"));
        assertEquals(3, impact.getInt("evaluated"));
        assertEquals(0, impact.getInt("changed"));
        assertEquals(0, impact.getInt("rankChanged"));
        assertEquals(List.of(), impact.getList("units"));
        assertEquals(List.of(), impact.getList("clauses"));
        assertEquals(List.of(), impact.getList("largestMoves"));
        assertEquals(List.of(), impact.getList("rejectedRequests"));
        assertNotEquals(impact.getString("servingVersion"), impact.getString("candidateVersion"), "a comment is still another version");
        // Nothing asked of the folder at all: the pending reload is the folder as it serves, and nothing moves either.
        JsonPath pending = JsonPath.from(given().contentType(ContentType.JSON).body("{}").queryParam("batch", batch)
                .post("/api/v1/impact/2016").then().statusCode(200).extract().asString());
        assertEquals(0, pending.getInt("changed"));
        assertEquals(pending.getString("servingVersion"), pending.getString("candidateVersion"));
    }

    @Test
    void aVetoThatNeedsASecondCriticismMovesOnlyTheUnitWithOne() throws IOException {
        // Four 市级部门 with no adoptions: information 20 (I-1, I-2.x) → 0.60; a disclosure veto makes the disclosure contribution −2.
        String batch = batch(String.join(",",
                "{\"unit\": \"市法制办\", \"year\": 2016, \"findings\": [{\"code\": \"D-V4\", \"count\": 1}], \"information\": {" + months() + "}}",
                "{\"unit\": \"市农林科学院\", \"year\": 2016, \"findings\": [{\"code\": \"D-V4\", \"count\": 2}], \"information\": {" + months() + "}}",
                "{\"unit\": \"市供销社\", \"year\": 2016, \"findings\": [{\"code\": \"D-V1\"}], \"information\": {" + months() + "}}",
                "{\"unit\": \"市档案局\", \"year\": 2016, \"information\": {" + months() + "}}"));
        String veto = file("disclosure/veto.drl");
        String draft = veto.replace("Finding(code == \"D-V4\", count > 0)", "Finding(code == \"D-V4\", count > 1)");
        assertNotEquals(veto, draft);
        JsonPath impact = impact(batch, Map.of("disclosure/veto.drl", draft));
        assertEquals(4, impact.getInt("evaluated"));
        assertEquals(1, impact.getInt("changed"));
        assertEquals(List.of("市法制办"), impact.getList("units.findAll { it.changed }.unit"));
        At fazhi = unit(impact, "市法制办");
        assertEquals(true, fazhi.getBoolean("before.disclosure.vetoed"));
        assertEquals(false, fazhi.getBoolean("after.disclosure.vetoed"));
        assertDecimal("-2", fazhi.get("before.disclosure.contribution"));
        assertDecimal("0", fazhi.get("after.disclosure.contribution"));
        assertDecimal("-1.4", fazhi.get("before.total"));
        assertDecimal("0.6", fazhi.get("after.total"));
        assertDecimal("2", fazhi.get("delta"));
        assertDecimal("2", clause(fazhi, "D-CONV", "CONVERSION").get("delta"));
        assertEquals(List.of("D-CONV", "D-V4"), fazhi.getList("clauses.clause"));
        // Ranks in 市级部门: 0.60, then three at −1.40 (rank 2) before; 0.60 twice (rank 1), then two at −1.40 (rank 3) after.
        assertEquals(2, fazhi.getInt("before.rank"));
        assertEquals(1, fazhi.getInt("after.rank"));
        assertEquals(3, impact.getInt("rankChanged"));
        assertEquals(3, unit(impact, "市供销社").getInt("after.rank"));
        assertEquals(false, unit(impact, "市供销社").getBoolean("changed"));
        assertEquals(List.of("市法制办"), impact.getList("largestMoves.unit"));
    }

    @Test
    void requestsTheDraftRejectsAreListedWithTheirProblem() throws IOException {
        String batch = threeAdoptingUnits();
        String channels = file("channels.tsv");
        String withoutSpecial = channels.lines().filter(l -> !l.startsWith("CITY_BULLETIN_SPECIAL\t"))
                .reduce("", (a, l) -> a + l + "\n");
        JsonPath impact = impact(batch, Map.of("channels.tsv", withoutSpecial));
        assertEquals(3, impact.getInt("evaluated"));
        assertEquals(1, impact.getInt("rejected"));
        assertEquals("市邮政管理局", impact.getString("rejectedRequests[0].unit"));
        assertEquals(400, impact.getInt("rejectedRequests[0].status"));
        assertEquals("information.adoptions[0].channel", impact.getString("rejectedRequests[0].field"));
        assertEquals("CITY_BULLETIN_SPECIAL", impact.getString("rejectedRequests[0].value"));
        assertEquals(0, impact.getInt("changed"), "the other two are scored as before");
        // Listed apart with what was stored for it: 2 × 8 + 4 = 20 of 24 → tier 70 → 56 + 20 = 76 → 2.28, and no rank.
        assertDecimal("2.28", impact.get("rejectedRequests[0].stored.total"));
        assertDecimal("76", impact.get("rejectedRequests[0].stored.information.score"));
        assertNull(impact.get("rejectedRequests[0].stored.rank"));
        // Ranked both times among the same two units (3.00 and 1.80: ranks 1 and 2 before and after): nobody's rank moves.
        // Ranking the stored 2.28 before but not after would have moved 市烤烟办 from 3 to 2 with a delta of 0.
        assertEquals(2, impact.getInt("ranked"));
        assertEquals(0, impact.getInt("rankChanged"));
        assertEquals(List.of(), impact.getList("units"));
    }

    @Test
    void aDeductionTheCapAbsorbsChangesTheTrailNotTheScore() throws IOException {
        // Four 市级部门, 8 submissions a month (information 20 → 0.60), no disclosure finding (100 → 0), and
        // 0, 1, 2 or 3 unfinished E-3 tasks. E-3 (worth 30) deducts 20 a task, E-CAP caps the item at its 30.
        String batch = batch(String.join(",",
                "{\"unit\": \"市法制办\", \"year\": 2016, \"findings\": [{\"code\": \"E-3\", \"count\": 1}], \"information\": {" + months() + "}}",
                "{\"unit\": \"市农林科学院\", \"year\": 2016, \"findings\": [{\"code\": \"E-3\", \"count\": 2}], \"information\": {" + months() + "}}",
                "{\"unit\": \"市供销社\", \"year\": 2016, \"findings\": [{\"code\": \"E-3\", \"count\": 3}], \"information\": {" + months() + "}}",
                "{\"unit\": \"市档案局\", \"year\": 2016, \"information\": {" + months() + "}}"));
        String clauses = file("clauses.tsv");
        String draft = clauses.replace("E-3\tEFFICIENCY\tE-3\tLINE\tfinding\t-20\t", "E-3\tEFFICIENCY\tE-3\tLINE\tfinding\t-15\t");
        assertNotEquals(clauses, draft);
        JsonPath impact = impact(batch, Map.of("clauses.tsv", draft));
        // 市法制办: −20 → −15: efficiency 80 → 85, contribution −0.40 → −0.30, total 0.20 → 0.30: a score moved.
        // 市农林科学院: −40 capped at −30 (E-CAP +10) → −30, no cap: efficiency 70 both times: only the trail moved.
        // 市供销社: −60 capped (+30) → −45 capped (+15): 70 both times: only the trail moved. 市档案局: nothing.
        assertEquals(4, impact.getInt("evaluated"));
        assertEquals(3, impact.getInt("changed"));
        assertEquals(1, impact.getInt("scoreChanged"));
        assertEquals(2, impact.getInt("trailOnlyChanged"));
        assertEquals(0, impact.getInt("rankChanged"), "0.60, 0.20, 0.00, 0.00 before; 0.60, 0.30, 0.00, 0.00 after");
        At fazhi = unit(impact, "市法制办");
        assertDecimal("80", fazhi.get("before.efficiency.score"));
        assertDecimal("85", fazhi.get("after.efficiency.score"));
        assertDecimal("-0.4", fazhi.get("before.efficiency.contribution"));
        assertDecimal("-0.3", fazhi.get("after.efficiency.contribution"));
        assertDecimal("0.1", fazhi.get("delta"));
        assertEquals(true, fazhi.getBoolean("scoreChanged"));
        At nonglin = unit(impact, "市农林科学院");
        assertEquals(false, nonglin.getBoolean("scoreChanged"));
        assertEquals(true, nonglin.getBoolean("trailOnlyChanged"));
        assertDecimal("70", nonglin.get("after.efficiency.score"));
        assertDecimal("0", nonglin.get("delta"));
        assertEquals(true, unit(impact, "市供销社").getBoolean("trailOnlyChanged"));
        // Per clause: E-3 +5, +10, +15 = +30 over three units; E-CAP −10 (gone) and −15 = −25 over two.
        At e3 = clauseOf(impact, "E-3", impact.getString("clauses.find { it.clause == 'E-3' }.kind"));
        assertEquals(3, e3.getInt("units"));
        assertDecimal("30", e3.get("points"));
        At cap = clauseOf(impact, "E-CAP", impact.getString("clauses.find { it.clause == 'E-CAP' }.kind"));
        assertEquals(2, cap.getInt("units"));
        assertEquals(2, cap.getInt("down"));
        assertDecimal("-25", cap.get("points"));
    }

    @Test
    void theGatesVerdictStandsBesideTheNumbers() throws IOException {
        // 《攀政快讯》's points say 5 while its text still says 计 4 分: the gate's consistency check catches it,
        // and the scenarios that expect 4 points fail; the numbers are those of 5 points all the same.
        String batch = threeAdoptingUnits();
        String channels = file("channels.tsv");
        String draft = channels.replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t");
        JsonPath impact = impact(batch, Map.of("channels.tsv", draft));
        assertEquals(1, impact.getInt("scoreChanged"));
        assertEquals(false, impact.getBoolean("gate.passed"));
        List<String> inconsistent = impact.getList("gate.inconsistencies.message");
        assertTrue(inconsistent.stream().anyMatch(m -> m.contains("CITY_BULLETIN") || m.contains("攀政快讯")), inconsistent.toString());
        assertTrue(impact.getInt("gate.scenariosRun") > 0);
        // The same lists validate gives for the same file.
        JsonPath validate = JsonPath.from(given().contentType("text/plain; charset=UTF-8").body(draft).queryParam("year", "2016")
                .queryParam("file", "channels.tsv").post("/api/v1/rulebooks/validate").then().statusCode(200).extract().asString());
        assertEquals(false, validate.getBoolean("valid"));
        assertEquals(validate.getList("failedScenarios.scenario"), impact.getList("gate.failedScenarios.scenario"));
        assertEquals(validate.getList("inconsistencies.message"), impact.getList("gate.inconsistencies.message"));
        assertEquals(validate.getList("uncoveredRules.message"), impact.getList("gate.uncoveredRules.message"));
        // The folder as it serves: the serving rulebook's own verdict, passed.
        JsonPath pending = JsonPath.from(given().contentType(ContentType.JSON).body("{}").queryParam("batch", batch)
                .post("/api/v1/impact/2016").then().statusCode(200).extract().asString());
        assertEquals(true, pending.getBoolean("gate.passed"));
        assertEquals(List.of(), pending.getList("gate.failedScenarios"));
        assertEquals(List.of(), pending.getList("differingFiles"));
        assertEquals(List.of("channels.tsv"), impact.getList("differingFiles"));
    }

    @Test
    void mistakesAreAnsweredAsProblems() throws IOException {
        String batch = threeAdoptingUnits();
        given().contentType(ContentType.JSON).body("{}").queryParam("population", "some").post("/api/v1/impact/2016")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("population")).body("value", equalTo("some"));
        given().contentType(ContentType.JSON).body("{}").queryParam("format", "pdf").post("/api/v1/impact/2016")
                .then().statusCode(400).body("field", equalTo("format"));
        given().contentType(ContentType.JSON).body("{}").queryParam("top", "many").post("/api/v1/impact/2016")
                .then().statusCode(400).body("field", equalTo("top")).body("value", equalTo("many"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/impact/20x6")
                .then().statusCode(400).body("field", equalTo("year"));
        given().contentType(ContentType.JSON).body(Map.of("files", Map.of("../2016/units.tsv", "x"))).post("/api/v1/impact/2016")
                .then().statusCode(400).body("field", equalTo("files")).body("value", equalTo("../2016/units.tsv"));
        given().contentType(ContentType.JSON).body(Map.of("files", Map.of("disclosure/nothing.drl", "x"))).post("/api/v1/impact/2016")
                .then().statusCode(404).contentType("application/problem+json").body("value", equalTo("disclosure/nothing.drl"));
        given().contentType(ContentType.JSON).body(Map.of("files", Map.of("disclosure/veto.drl", file("disclosure/veto.drl").replace("then", "than"))))
                .queryParam("batch", batch).post("/api/v1/impact/2016")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].file", containsString("veto.drl"));
        given().contentType(ContentType.JSON).body("{}").queryParam("batch", "no-such-batch").post("/api/v1/impact/2016")
                .then().statusCode(404).body("field", equalTo("batch"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/impact/2031")
                .then().statusCode(404).body("field", equalTo("year"));
    }

    /** An auditor may ask what the pending reload would change ({}), but a draft is compiled and run: rule-author only (issue 18). */
    @Test
    @TestSecurity(user = "auditor", roles = {"auditor"})
    void anAuditorReadsThePendingReloadButMaySendNoDraft() throws IOException {
        String veto = Files.readString(Path.of("rules-drl/2016/disclosure/veto.drl"));
        given().contentType(ContentType.JSON).body(Map.of("files", Map.of("disclosure/veto.drl", veto + "\n// an auditor's draft\n")))
                .post("/api/v1/impact/2016").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("rule-author"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/impact/2016").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "evaluator", roles = {"evaluator"})
    void anEvaluatorMayNotRunAnImpact() {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/impact/2016").then().statusCode(403);
    }

    @Test
    void theImpactExportsAsCsvAndXlsxWithChineseHeadings() throws IOException {
        String batch = threeAdoptingUnits();
        Map<String, Object> body = Map.of("files", Map.of("channels.tsv", cityBulletinAtFive()));
        byte[] csv = given().contentType(ContentType.JSON).body(body).queryParam("batch", batch).queryParam("format", "csv")
                .post("/api/v1/impact/2016").then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF规则修改影响分析\r\n"), text);
        List<String> lines = text.lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("类别,单位,原排名,新排名,原合计折算,新合计折算,变动")).findFirst().orElseThrow();
        assertTrue(header.contains("政务信息原得分,政务信息新得分"), header);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("市级部门,市烤烟办,3,2,1.8,2.28,0.48,得分变动,")), text);
        assertTrue(lines.contains("I-3,TALLY MUNICIPAL,采用情况：按市级、省级采用任务完成比例得分,3,3,0,11"), text);
        assertTrue(lines.contains("得分或折算变动的记录数,1"), text);
        assertTrue(lines.contains("仅计分过程变动的记录数（得分未变）,2"), text);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("得分变动单位数")), "the old, misleading label: " + text);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("市级部门,市人防办,1,1,3,3,0,仅计分过程变动（得分未变）,")), text);

        byte[] xlsx = given().contentType(ContentType.JSON).body(body).queryParam("batch", batch).queryParam("format", "xlsx")
                .post("/api/v1/impact/2016").then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(List.of("概要", "单位变动", "条款影响"), List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2)));
            Sheet units = workbook.getSheet("单位变动");
            assertEquals("单位", units.getRow(0).getCell(1).getStringCellValue());
            Row kaoyan = null;
            for (Row row : units) {
                if (row.getRowNum() > 0 && "市烤烟办".equals(row.getCell(1).getStringCellValue())) {
                    kaoyan = row;
                }
            }
            assertNotNull(kaoyan);
            assertEquals(1.8, kaoyan.getCell(4).getNumericCellValue(), 1e-9);
            assertEquals(2.28, kaoyan.getCell(5).getNumericCellValue(), 1e-9);
            assertEquals(0.48, kaoyan.getCell(6).getNumericCellValue(), 1e-9);
            assertEquals("得分变动", kaoyan.getCell(7).getStringCellValue());
            Sheet summary = workbook.getSheet("概要");
            boolean labelled = false;
            for (Row row : summary) {
                if (row.getCell(0) != null && "仅计分过程变动的记录数（得分未变）".equals(row.getCell(0).getStringCellValue())) {
                    labelled = "2".equals(row.getCell(1).getStringCellValue());
                }
            }
            assertTrue(labelled, "the summary names trail-only changes for what they are");
            Sheet clauses = workbook.getSheet("条款影响");
            assertEquals("影响单位数", clauses.getRow(0).getCell(3).getStringCellValue());
        }
    }

    static At clause(At unit, String clause, String kind) {
        String prefix = unit.prefix() + ".clauses.find { it.clause == '" + clause + "' && it.kind == '" + kind + "' }";
        assertNotNull(unit.doc().get(prefix), clause + " " + kind + " in " + unit.prefix());
        return new At(unit.doc(), prefix);
    }

    static At clauseOf(JsonPath impact, String clause, String kind) {
        String prefix = "clauses.find { it.clause == '" + clause + "' && it.kind == '" + kind + "' }";
        assertNotNull(impact.get(prefix), clause + " " + kind);
        return new At(impact, prefix);
    }

    static void assertDecimal(String expected, Object actual) {
        assertNotNull(actual, "expected " + expected);
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())), "expected " + expected + ", got " + actual);
    }
}
