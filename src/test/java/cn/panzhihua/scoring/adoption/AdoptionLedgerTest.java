package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.audit.DecisionRecord;
import cn.panzhihua.scoring.audit.RecordStore;
import cn.panzhihua.scoring.campaign.CampaignClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adoption ledger (issue 21) on a database of its own, in order: the quarterly 通报 with numbers
 * worked out by hand from rules-drl/2016 (channels.tsv, tiers.tsv, units.tsv) while only three units
 * have entries; the ledger's checks, duplicates, corrections and who may read what; then the
 * assessment year evaluated from the ledger, equal to the same facts sent as one request.
 */
@QuarkusTest
@TestProfile(AdoptionProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdoptionLedgerTest {

    static final String L = "/api/v1/adoptions/2016";
    final ObjectMapper mapper = new ObjectMapper();

    @Inject
    CampaignClock clock;

    @Inject
    RecordStore records;

    @Test
    @Order(1)
    void theQuarterlyNoticeWorkedByHand() throws Exception {
        // 米易县政府 (COUNTY, table C: municipal 150, provincial 12; portions 64 + 16)
        enter("米易县政府", "CITY_BULLETIN", null, "2016-02-10", "米易县推进精准扶贫", "MUNICIPAL", null);   // 4 + 10 bonus = 14 municipal
        enter("米易县政府", "CITY_BULLETIN_SPECIAL", null, "2016-03-15", "米易县春耕", null, null);          // 8 municipal
        enter("米易县政府", "CITY_DAILY_BRIEF", "5", "2016-03-20", null, null, null);                        // 2 municipal (one issue)
        enter("米易县政府", "PROVINCE_KEY_REPORT", null, "2016-03-25", "米易县要情", null, null);            // 8 provincial
        enter("米易县政府", "STATE_COUNCIL_DYNAMIC", null, "2016-05-06", "米易县国办动态", null, true);      // 3 + 3 国办 = 6 provincial
        enter("米易县政府", "CITY_BULLETIN_SPECIAL", null, "2016-06-01", "米易县特刊", "PROVINCIAL_OR_ABOVE", null); // 8 + 10 = 18 municipal
        // 市发展改革委 (MUNICIPAL_DEPARTMENT, 120 and 9; portions 64 + 16)
        enter("市发展改革委", "CITY_BULLETIN", null, "2016-01-20", "项目推进", null, null);                  // 4
        enter("市发展改革委", "CITY_BULLETIN", null, "2016-02-20", "投资情况", "MUNICIPAL", null);           // 14
        enter("市发展改革委", "CITY_BULLETIN_SPECIAL", null, "2016-03-10", "经济运行", "MUNICIPAL", null);   // 18
        enter("市发展改革委", "PROVINCE_MORNING_BRIEF", null, "2016-03-30", "晨讯", "MUNICIPAL", null);     // 3 provincial: a municipal 批示 earns no provincial bonus
        enter("市发展改革委", "PROVINCE_WORK_EXCHANGE", null, "2016-04-15", "工作交流", null, null);          // 3 provincial
        enter("市发展改革委", "CITY_BULLETIN_SPECIAL", null, "2016-05-10", "特刊", "PROVINCIAL_OR_ABOVE", null); // 18
        // 市烟草专卖局 (MUNICIPAL_DEPARTMENT, 24 and 0: the municipal task alone, worth 80)
        enter("市烟草专卖局", "CITY_DAILY_BRIEF", "3", "2016-01-08", null, null, null);                        // 2
        enter("市烟草专卖局", "CITY_DAILY_BRIEF", "17", "2016-02-19", null, null, null);                       // 2
        enter("市烟草专卖局", "CITY_BULLETIN", null, "2016-03-03", "烟草专卖", null, null);                    // 4
        enter("市烟草专卖局", "PROVINCE_MORNING_BRIEF", null, "2016-03-12", "晨讯", null, null);              // provincial, no provincial task: earns nothing
        enter("市烟草专卖局", "CITY_BULLETIN", null, "2016-04-21", "打假", "MUNICIPAL", null);                // 14

        JsonNode q1 = json(as("evaluator").get(L + "/quarters/1"), 200);
        assertEquals("2016-03-31", q1.path("asOf").asText());
        assertEquals(72, q1.path("units").asInt());
        assertEquals(12, q1.path("counted").asInt(), "entries dated up to 31 March: four of each unit");
        // 米易 Q1: municipal 14 + 8 + 2 = 24 of 150 = 16% → tier 0; the 30% tier needs 150 × 30% = 45, 21 more.
        // provincial 8 of 12 = 66.67% → tier 50, 16 × 50% = 8; the 70% tier needs 8.4, 0.4 more. I-3: 0 + 8 = 8.
        // pace: 150 / 4 = 37.5 > 24 → behind; 12 / 4 = 3 ≤ 8. Rank 1 of the counties (the others have 0).
        JsonNode miyi = row(q1, "米易县政府");
        portion(miyi.path("municipal"), "150", "24", "0.16", 0, "21", "0", "37.5", true);
        portion(miyi.path("provincial"), "12", "8", "0.6667", 50, "0.4", "8", "3", false);
        decimal("8", miyi.path("adoptionScore"));
        decimal("80", miyi.path("adoptionMax"));
        assertEquals(1, miyi.path("rank").asInt());
        assertEquals("COUNTY", miyi.path("category").asText());
        assertEquals(2, row(q1, "东区政府").path("rank").asInt());
        // 发改委 Q1: municipal 4 + 14 + 18 = 36 of 120 = 30% exactly → tier 30, 64 × 30% = 19.2; 50% needs 60, 24 more.
        // provincial 3 of 9 = 33.33% → tier 30, 16 × 30% = 4.8; 50% needs 4.5, 1.5 more. I-3 19.2 + 4.8 = 24.
        // pace 30 ≤ 36 and 2.25 ≤ 3: on pace.
        JsonNode fgw = row(q1, "市发展改革委");
        portion(fgw.path("municipal"), "120", "36", "0.3", 30, "24", "19.2", "30", false);
        portion(fgw.path("provincial"), "9", "3", "0.3333", 30, "1.5", "4.8", "2.25", false);
        decimal("24", fgw.path("adoptionScore"));
        // 烟草 Q1: 2 + 2 + 4 = 8 of 24 = 33.33% → tier 30, 80 × 30% = 24 (the 晨讯 earns nothing); 50% needs 12, 4 more.
        // Ties 发改委 at 24 points; its completion 33.33% beats 30%, so it ranks 1 and 发改委 2; every other department has 0 (3).
        JsonNode yc = row(q1, "市烟草专卖局");
        portion(yc.path("municipal"), "24", "8", "0.3333", 30, "4", "24", "6", false);
        assertTrue(yc.path("provincial").isMissingNode(), "no provincial task");
        decimal("24", yc.path("adoptionScore"));
        assertEquals(1, yc.path("rank").asInt());
        assertEquals(2, fgw.path("rank").asInt());
        assertEquals(3, row(q1, "市财政局").path("rank").asInt());
        // behind: every unit but 发改委 and 烟草 (the others have nothing yet)
        List<String> behind = names(q1.path("behindPace"));
        assertEquals(70, behind.size());
        assertTrue(behind.contains("米易县政府"));
        assertFalse(behind.contains("市发展改革委") || behind.contains("市烟草专卖局"));

        JsonNode q2 = json(as("auditor").get(L + "/quarters/2"), 200);
        // 米易 Q2: municipal 24 + 18 = 42 = 28% → tier 0, 3 more to 45; provincial 8 + 6 = 14 of 12 → tier 100, 16, no next tier.
        miyi = row(q2, "米易县政府");
        portion(miyi.path("municipal"), "150", "42", "0.28", 0, "3", "0", "75", true);
        assertEquals(100, miyi.path("provincial").path("tier").asInt());
        decimal("16", miyi.path("provincial").path("score"));
        assertTrue(miyi.path("provincial").path("nextTier").isMissingNode());
        // 发改委 Q2: municipal 36 + 18 = 54 = 45% → tier 30, 6 more to 60, pace 60 → behind; provincial 6 of 9 → tier 50 (8), 0.3 to 6.3.
        fgw = row(q2, "市发展改革委");
        portion(fgw.path("municipal"), "120", "54", "0.45", 30, "6", "19.2", "60", true);
        portion(fgw.path("provincial"), "9", "6", "0.6667", 50, "0.3", "8", "4.5", false);
        decimal("27.2", fgw.path("adoptionScore"));
        // 烟草 Q2: 8 + 14 = 22 of 24 = 91.67% → tier 70, 80 × 70% = 56; 100% needs 2 more.
        yc = row(q2, "市烟草专卖局");
        portion(yc.path("municipal"), "24", "22", "0.9167", 70, "2", "56", "12", false);
        assertEquals(1, yc.path("rank").asInt());
        assertEquals(2, row(q2, "市发展改革委").path("rank").asInt());
        assertTrue(names(q2.path("behindPace")).contains("市发展改革委"));
        assertEquals(71, q2.path("behindPace").size());

        // nothing was recorded: a progress check is not an evaluation of record
        int recorded = given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/evaluations?year=2016")
                .then().statusCode(200).extract().path("items.size()");
        assertEquals(0, recorded, "no evaluation recorded");

        Response csv = as("evaluator").get(L + "/quarters/2?format=csv");
        assertEquals(200, csv.statusCode());
        String text = new String(csv.asByteArray(), StandardCharsets.UTF_8);
        // kept for docs/adoptions.md (real output of this scenario)
        java.nio.file.Path kept = java.nio.file.Path.of("target/adoptions");
        java.nio.file.Files.createDirectories(kept);
        java.nio.file.Files.writeString(kept.resolve("quarter-2.csv"), text, StandardCharsets.UTF_8);
        java.nio.file.Files.writeString(kept.resolve("quarter-2.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(q2),
                StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF2016年第2季度政务信息采用情况通报（截至 2016-06-30）\r\n"), text.substring(0, 60));
        assertTrue(text.contains("\r\nMUNICIPAL_DEPARTMENT,1,市烟草专卖局,24,22,0.9167,70,2,12,,,,,,,56,80,\r\n"), text);
        assertTrue(text.contains("\r\nCOUNTY,1,米易县政府,150,42,0.28,0,3,75,12,14,1.1667,100,,6,16,80,是\r\n"), text);

        // the console's page of the same 通报, as the office reads and prints it: the same figures, in words
        String page = as("evaluator").get("/console/adoptions?year=2016&quarter=2").then().statusCode(200).extract().asString();
        assertTrue(page.contains("2016 年第 2 季度政务信息采用情况通报（截至 2016-06-30）"), page);
        assertTrue(page.contains("71 个单位落后于进度"), page);
        String fgwRow = tableRow(page, "市发展改革委");
        assertTrue(fgwRow.startsWith("<tr class=\"behind\"><td class=\"num\">2</td>"), fgwRow);
        for (String cell : List.of(">120<", ">54<", ">45%<", ">30%<", ">差 6 分达 50%<", ">60<", ">9<", ">66.67%<", ">差 0.3 分达 70%<",
                ">27.2 / 80<", "落后")) {
            assertTrue(fgwRow.contains(cell), cell + " in " + fgwRow);
        }
        String ycRow = tableRow(page, "市烟草专卖局");
        assertTrue(ycRow.startsWith("<tr><td class=\"num\">1</td>") && ycRow.contains(">91.67%<") && ycRow.contains(">—<")
                && ycRow.contains(">56 / 80<") && ycRow.contains("正常"), ycRow);
        assertTrue(as("auditor").get("/console/adoptions?year=2016&quarter=2").then().statusCode(200).extract().asString()
                .contains("米易县政府"));
        assertEquals(403, as("caizheng").get("/console/adoptions?year=2016&quarter=2").statusCode(), "a unit reads its own page only");
        assertTrue(as("evaluator").get("/console/adoptions?year=2016&quarter=5").asString().contains("无法生成该季度的采用情况通报"));

        json(as("evaluator").get(L + "/quarters/5"), 400);
        json(as("evaluator").get(L + "/quarters/x"), 400);
        json(as("evaluator").get(L + "/quarters/1?format=pdf"), 400);
    }

    @Test
    @Order(2)
    void theLedgerChecksRecordsAndCorrects() throws Exception {
        String unit = "市财政局";
        int before = json(as("evaluator").get(L + "?unit=" + unit), 200).path("entries").asInt();
        // bad input: 400 naming the field and value, nothing stored
        JsonNode bad = json(as("evaluator").contentType(ContentType.JSON)
                .body("{\"unit\":\"市财政局\",\"channel\":\"CITY_NEWS\",\"date\":\"2016-03-02\",\"title\":\"x\"}").post(L + "/entries"), 400);
        assertEquals("channel", bad.path("field").asText());
        assertEquals("CITY_NEWS", bad.path("value").asText());
        bad = json(as("evaluator").contentType(ContentType.JSON)
                .body("{\"unit\":\"市财政局\",\"channel\":\"CITY_BULLETIN\",\"date\":\"2017-01-02\",\"stateCouncilAdopted\":true}").post(L + "/entries"), 400);
        assertEquals("date", bad.path("field").asText());
        assertEquals("2017-01-02", bad.path("value").asText());
        assertEquals(List.of("date", "stateCouncilAdopted"), names(bad.path("errors"), "field"), "every mistake at once, as a request's");
        bad = json(as("evaluator").contentType(ContentType.JSON)
                .body("{\"unit\":\"市财政\",\"channel\":\"CITY_BULLETIN\",\"date\":\"2016-01-02\"}").post(L + "/entries"), 400);
        assertEquals("unit", bad.path("field").asText());
        assertTrue(bad.path("detail").asText().contains("did you mean 市财政局"), bad.toString());
        json(as("evaluator").contentType(ContentType.JSON).body("{\"unit\":\"市财政局\",\"channel\":").post(L + "/entries"), 400);
        assertEquals(before, json(as("evaluator").get(L + "?unit=" + unit), 200).path("entries").asInt(), "nothing stored");

        JsonNode first = enter(unit, "CITY_BULLETIN", "12", "2016-03-02", "市财政局推进预算公开", "MUNICIPAL", null);
        String id = first.path("entries").get(0).path("id").asText();
        String eventId = first.path("eventId").asText();
        // the entry is an event of the chain, with who and when
        DecisionRecord event = records.find(eventId).orElseThrow();
        assertEquals(RecordStore.EVENT_VERSION, event.rulebookVersion());
        JsonNode content = mapper.readTree(event.requestJson());
        assertEquals("adoption", content.path("event").asText());
        assertEquals("evaluator", content.path("by").asText());
        assertEquals(id, content.path("entry").asText());
        assertEquals(unit, event.unit());
        assertEquals("evaluator", first.path("entries").get(0).path("recordedBy").asText());
        // the chain is intact with it, and the year's export shows it in full
        assertTrue(json(as("auditor").get("/api/v1/audit/verify"), 200).path("intact").asBoolean());
        Response export = as("auditor").get("/api/v1/audit/export?year=2016");
        assertEquals(200, export.statusCode(), export.asString());
        assertTrue(export.asString().contains(eventId), "the export holds the entry's event");

        // the same adoption again: 409 naming the existing entry (titles compared after trimming)
        JsonNode dup = json(as("evaluator").contentType(ContentType.JSON).body("{\"unit\":\"市财政局\",\"channel\":\"CITY_BULLETIN\",\"issue\":12,"
                + "\"date\":\"2016-03-05\",\"title\":\" 市财政局推进预算公开 \"}").post(L + "/entries"), 409);
        assertEquals(id, dup.path("existing").asText());
        assertTrue(dup.path("detail").asText().contains(id), dup.toString());
        // one issue of 《每日政情》 counts once, whatever its title
        enter(unit, "CITY_DAILY_BRIEF", "40", "2016-04-01", "甲", null, null);
        JsonNode issue = json(as("evaluator").contentType(ContentType.JSON).body("{\"unit\":\"市财政局\",\"channel\":\"CITY_DAILY_BRIEF\",\"issue\":\"40\","
                + "\"date\":\"2016-04-02\",\"title\":\"乙\"}").post(L + "/entries"), 409);
        assertTrue(issue.path("existing").isTextual());

        // a correction: reason required; then a reversal and a replacement in one event
        json(as("evaluator").contentType(ContentType.JSON).body("{\"replacement\":{}}").post(L + "/entries/" + id + "/correction"), 400);
        JsonNode badReplacement = json(as("evaluator").contentType(ContentType.JSON)
                .body("{\"reason\":\"期号录错\",\"replacement\":{\"channel\":\"CITY_BULLETIN\",\"issue\":13,\"date\":\"2016-13-02\"}}")
                .post(L + "/entries/" + id + "/correction"), 400);
        assertEquals("date", badReplacement.path("field").asText());
        JsonNode corrected = json(as("evaluator").contentType(ContentType.JSON)
                .body("{\"reason\":\"期号录错：应为第13期\",\"replacement\":{\"channel\":\"CITY_BULLETIN\",\"issue\":13,\"date\":\"2016-03-02\","
                        + "\"title\":\"市财政局推进预算公开\",\"leaderInstruction\":\"MUNICIPAL\"}}").post(L + "/entries/" + id + "/correction"), 200);
        JsonNode reversal = corrected.path("entries").get(0);
        JsonNode replacement = corrected.path("entries").get(1);
        assertEquals("REVERSAL", reversal.path("kind").asText());
        assertEquals(id, reversal.path("reverses").asText());
        assertEquals("期号录错：应为第13期", reversal.path("reason").asText());
        assertEquals(id, replacement.path("replaces").asText());
        assertEquals("13", replacement.path("issue").asText());
        // corrected once only; the original may be entered again no more than the replacement may
        JsonNode twice = json(as("evaluator").contentType(ContentType.JSON).body("{\"reason\":\"again\"}").post(L + "/entries/" + id + "/correction"), 409);
        assertEquals(reversal.path("id").asText(), twice.path("reversal").asText());
        json(as("evaluator").contentType(ContentType.JSON).body("{\"reason\":\"x\"}").post(L + "/entries/nope/correction"), 404);
        JsonNode ledger = json(as("evaluator").get(L + "?unit=" + unit), 200);
        assertEquals(before + 4, ledger.path("entries").asInt(), "original, 每日政情, reversal, replacement");
        assertEquals(before + 2, ledger.path("counted").asInt());
        JsonNode original = find(ledger.path("items"), id);
        assertFalse(original.path("counted").asBoolean());
        assertEquals(reversal.path("id").asText(), original.path("reversedBy").asText());

        // monthly submissions: checked as a request's month; a change needs a reason, every version kept
        assertEquals("count", json(as("evaluator").contentType(ContentType.JSON).body("{\"unit\":\"市财政局\",\"month\":3,\"count\":-1}")
                .post(L + "/submissions"), 400).path("field").asText());
        assertEquals("month", json(as("evaluator").contentType(ContentType.JSON).body("{\"unit\":\"市财政局\",\"month\":13,\"count\":1}")
                .post(L + "/submissions"), 400).path("field").asText());
        json(as("evaluator").contentType(ContentType.JSON).body("{\"unit\":\"市财政局\",\"month\":3,\"count\":5}").post(L + "/submissions"), 200);
        assertEquals("reason", json(as("evaluator").contentType(ContentType.JSON).body("{\"unit\":\"市财政局\",\"month\":3,\"count\":7}")
                .post(L + "/submissions"), 400).path("field").asText());
        JsonNode v2 = json(as("evaluator").contentType(ContentType.JSON).body("{\"unit\":\"市财政局\",\"month\":3,\"count\":7,\"reason\":\"漏计2条\"}")
                .post(L + "/submissions"), 200);
        assertEquals(2, v2.path("submission").path("version").asInt());
        JsonNode months = json(as("evaluator").get(L + "?unit=" + unit), 200).path("submissions").get(0);
        assertEquals(7, months.path("months").path("3").asInt());
        assertTrue(months.path("months").path("1").isMissingNode(), "January not entered");
        assertEquals(2, months.path("versions").size());

        // an idempotency key: the repeated request does nothing again
        String body = "{\"unit\":\"市财政局\",\"channel\":\"CITY_BULLETIN\",\"date\":\"2016-05-02\",\"title\":\"重复提交\"}";
        Response once = as("evaluator").header("Idempotency-Key", "ledger-k1").contentType(ContentType.JSON).body(body).post(L + "/entries");
        Response again = as("evaluator").header("Idempotency-Key", "ledger-k1").contentType(ContentType.JSON).body(body).post(L + "/entries");
        assertEquals(200, again.statusCode());
        assertEquals("true", again.header("Idempotency-Replayed"));
        assertEquals(once.asString(), again.asString());

        // the unit reads its own unit only; another unit is 404, as a unit that does not exist
        JsonNode own = json(as("caizheng").get(L), 200);
        assertEquals(unit, own.path("unit").asText());
        for (JsonNode e : own.path("items")) {
            assertEquals(unit, e.path("unit").asText());
        }
        json(as("caizheng").get(L + "?unit=" + unit), 200);
        JsonNode other = json(as("caizheng").get(L + "?unit=米易县政府"), 404);
        JsonNode none = json(as("evaluator").get(L + "?unit=没有的单位"), 404);
        assertEquals(other.path("title").asText(), none.path("title").asText());
        json(as("caizheng").get(L + "/quarters/1"), 403);
        json(as("caizheng").contentType(ContentType.JSON).body(body).post(L + "/entries"), 403);
        json(as("auditor").get(L), 200);
    }

    @Test
    @Order(3)
    void theYearIsEvaluatedFromTheLedgerAsOneRequestWouldBe() throws Exception {
        on("2017-01-10");
        json(as("evaluator").contentType(ContentType.JSON)
                .body("{\"selfAssessmentDue\":\"2017-01-15\",\"publicationFrom\":\"2017-02-01\",\"publicationTo\":\"2017-02-07\"}")
                .post("/api/v1/campaigns/2016"), 200);
        // findings still come from the office's facts; the information comes from the ledger, so none is typed here
        json(as("evaluator").contentType(ContentType.JSON).body("{\"findings\":[{\"code\":\"E-1\",\"count\":1,\"note\":\"缺制度\"}]}")
                .put("/api/v1/campaigns/2016/units/米易县政府/facts"), 200);
        on("2017-01-16");
        json(as("evaluator").post("/api/v1/campaigns/2016/evaluate"), 200);

        JsonNode view = json(as("evaluator").get("/api/v1/campaigns/2016/units/米易县政府/evaluation"), 200);
        JsonNode request = view.path("request");
        JsonNode adoptions = request.path("information").path("adoptions");
        assertEquals(6, adoptions.size(), "米易's six ledger entries");
        JsonNode miyiLedger = json(as("evaluator").get(L + "?unit=米易县政府"), 200).path("items");
        List<String> ids = new ArrayList<>();
        miyiLedger.forEach(e -> ids.add(e.path("id").asText()));
        List<String> named = names(adoptions, "ledgerEntry");
        assertEquals(ids, named, "the request names the ledger's entries, in date order");
        // the trail's evidence names them too
        String trail = view.path("response").path("trail").toString();
        for (String id : ids) {
            assertTrue(trail.contains("台账 " + id), "evidence names " + id);
        }
        // by hand: municipal 42 of 150 (28%) → 0; provincial 14 of 12 → 16; no monthly counts in the ledger → 0 < 8 in
        // some month (附件2) → I-2.1 5 − 2 = 3; I-1, I-2.2, I-2.3 5 each: 5 + 3 + 5 + 5 + 16 = 34 → −(100 − 34)/100 × 1 = −0.66.
        // efficiency: E-1 once, −5 → 95 → −(5/100) × 2 = −0.1. total −0.76.
        JsonNode response = view.path("response");
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/adoptions/miyi-evaluation.json"),
                mapper.writerWithDefaultPrettyPrinter().writeValueAsString(view), StandardCharsets.UTF_8);
        decimal("34", response.path("information").path("score"));
        decimal("-0.66", response.path("information").path("contribution"));
        decimal("-0.1", response.path("efficiency").path("contribution"));
        decimal("-0.76", response.path("totalContribution"));

        // the same facts sent as one request answer the same scores and trail
        JsonNode direct = json(as("evaluator").contentType(ContentType.JSON).body(request.toString()).post("/api/v1/evaluations"), 200);
        for (String field : List.of("unit", "category", "disclosure", "efficiency", "information", "totalContribution", "trail")) {
            assertEquals(response.path(field), direct.path(field), field);
        }
        // 烟草: its 每日政情 issues and the uncounted 晨讯 come from the ledger the same way
        JsonNode yc = json(as("evaluator").get("/api/v1/campaigns/2016/units/市烟草专卖局/evaluation"), 200);
        JsonNode ycDirect = json(as("evaluator").contentType(ContentType.JSON).body(yc.path("request").toString()).post("/api/v1/evaluations"), 200);
        assertEquals(yc.path("response").path("trail"), ycDirect.path("trail"));
        // 22 + ... = 22 of 24 all year → tier 70 of 80 = 56
        decimal("56", yc.path("response").path("information").path("adoption").path("municipal").path("score"));
    }

    @Test
    @Order(4)
    void theSectionsSpreadsheetIsPreviewedThenImportedAllOrNothingAndOnce() throws Exception {
        String messy = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/adoptions/2016-information-section.csv"));
        int before = json(as("evaluator").get(L), 200).path("entries").asInt();
        JsonNode preview = json(as("evaluator").contentType("text/csv; charset=UTF-8").body(messy.getBytes(StandardCharsets.UTF_8)).post(L + "/import"), 200);
        assertFalse(preview.path("committed").asBoolean());
        // lines 4 … 12 under the title block and the heading line
        assertEquals(9, preview.path("rows").asInt());
        assertEquals(4, preview.path("added").asInt());
        assertEquals(1, preview.path("alreadyEntered").asInt());
        assertEquals(1, preview.path("blank").asInt());
        assertEquals(3, preview.path("refused").asInt());
        assertEquals(List.of("备注"), names(preview.path("unknownColumns")));
        JsonNode items = preview.path("items");
        // full-width 第２０期 and 2016年3月2日
        assertRow(items.get(0), 4, "NEW", "市财政局", "CITY_BULLETIN", "20", "2016-03-02");
        // the merged unit cell is the row above's unit; the quoted title keeps its comma
        assertRow(items.get(1), 5, "NEW", "市财政局", "CITY_BULLETIN_SPECIAL", null, "2016-04-05");
        assertEquals("预算公开,全面推进", items.get(1).path("title").asText());
        // 市发改委 is read as 市发展改革委 (noted); Excel day 42461 is 2016-04-01 (42370 = 2016-01-01, + 31 + 29 + 31)
        assertRow(items.get(2), 6, "NEW", "市发展改革委", "CITY_DAILY_BRIEF", "7", "2016-04-01");
        assertTrue(items.get(2).path("notes").toString().contains("市发改委"), items.get(2).toString());
        assertEquals("BLANK", items.get(3).path("outcome").asText());
        assertRow(items.get(4), 8, "NEW", "东区政府", "STATE_COUNCIL_DYNAMIC", null, "2016-05-06");
        problem(items.get(5), 9, "日期", "2016-13-01");
        problem(items.get(6), 10, "单位", "不存在的单位");
        assertRow(items.get(7), 11, "ALREADY_ENTERED", "市财政局", "CITY_BULLETIN", "20", "2016-03-02");
        problem(items.get(8), 12, "国办采用", true);
        assertEquals(before, json(as("evaluator").get(L), 200).path("entries").asInt(), "a preview stores nothing");

        // all or nothing: a refused row stops the commit, with the preview in the problem
        JsonNode refused = json(as("evaluator").contentType("text/csv; charset=UTF-8").body(messy.getBytes(StandardCharsets.UTF_8)).post(L + "/import?commit=true"), 400);
        assertEquals(3, refused.path("preview").path("refused").asInt());
        assertEquals(before, json(as("evaluator").get(L), 200).path("entries").asInt(), "nothing stored");

        // the refused rows taken out, the file is imported; again, it adds nothing
        String clean = String.join("\r\n", java.util.Arrays.stream(messy.split("\r\n"))
                .filter(l -> !l.startsWith("市烟草专卖局") && !l.startsWith("不存在的单位") && !l.startsWith("西区政府")).toList()) + "\r\n";
        JsonNode done = json(as("evaluator").contentType("text/csv; charset=UTF-8").body(clean.getBytes(StandardCharsets.UTF_8)).post(L + "/import?commit=true"), 200);
        assertTrue(done.path("committed").asBoolean());
        assertEquals(4, done.path("added").asInt());
        assertTrue(done.path("items").get(0).path("entry").isTextual());
        assertEquals(before + 4, json(as("evaluator").get(L), 200).path("entries").asInt());
        JsonNode again = json(as("evaluator").contentType("text/csv; charset=UTF-8").body(clean.getBytes(StandardCharsets.UTF_8)).post(L + "/import?commit=true"), 200);
        assertEquals(0, again.path("added").asInt());
        assertEquals(5, again.path("alreadyEntered").asInt());
        assertEquals(before + 4, json(as("evaluator").get(L), 200).path("entries").asInt(), "importing again adds nothing");
        // the imported 国办动态 of 东区政府 counts as typed: 3 + 3 国办 + 10 省级批示 = 16 provincial points, tier 100 of 12
        JsonNode q2 = json(as("evaluator").get(L + "/quarters/2"), 200);
        decimal("16", row(q2, "东区政府").path("provincial").path("earned"));

        json(as("evaluator").contentType("text/csv").body("a,b\r\n1,2\r\n").post(L + "/import"), 400);
        json(as("auditor").contentType("text/csv; charset=UTF-8").body(clean.getBytes(StandardCharsets.UTF_8)).post(L + "/import"), 403);
        json(as("caizheng").contentType("text/csv; charset=UTF-8").body(clean.getBytes(StandardCharsets.UTF_8)).post(L + "/import"), 403);
    }

    static void assertRow(JsonNode row, int line, String outcome, String unit, String channel, String issue, String date) {
        assertEquals(line, row.path("row").asInt(), row.toString());
        assertEquals(outcome, row.path("outcome").asText(), row.toString());
        assertEquals(unit, row.path("unit").asText(), row.toString());
        assertEquals(channel, row.path("channel").asText(), row.toString());
        if (issue == null) {
            assertTrue(row.path("issue").isMissingNode(), row.toString());
        } else {
            assertEquals(issue, row.path("issue").asText(), row.toString());
        }
        assertEquals(date, row.path("date").asText(), row.toString());
    }

    static void problem(JsonNode row, int line, String column, Object value) {
        assertEquals(line, row.path("row").asInt(), row.toString());
        assertEquals("REFUSED", row.path("outcome").asText(), row.toString());
        JsonNode p = row.path("problems").get(0);
        assertEquals(column, p.path("column").asText(), row.toString());
        assertEquals(String.valueOf(value), p.path("value").asText(), row.toString());
    }

    // ------------------------------------------------------------------ helpers

    JsonNode enter(String unit, String channel, String issue, String date, String title, String instruction, Boolean stateCouncil) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode body = mapper.createObjectNode();
        body.put("unit", unit);
        body.put("channel", channel);
        if (issue != null) {
            body.put("issue", issue);
        }
        body.put("date", date);
        if (title != null) {
            body.put("title", title);
        }
        if (instruction != null) {
            body.put("leaderInstruction", instruction);
        }
        if (stateCouncil != null) {
            body.put("stateCouncilAdopted", stateCouncil);
        }
        return json(as("evaluator").contentType(ContentType.JSON).body(body.toString()).post(L + "/entries"), 200);
    }

    /** The table row of a unit on a console page (from its <tr> to its </tr>). */
    static String tableRow(String page, String unit) {
        int at = page.indexOf("<th scope=\"row\">" + unit + "</th>");
        assertTrue(at > 0, unit + " has a row");
        int start = page.lastIndexOf("<tr", at);
        return page.substring(start, page.indexOf("</tr>", at));
    }

    void on(String day) {
        clock.use(Clock.fixed(LocalDate.parse(day).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai")));
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-dev");
    }

    JsonNode json(Response response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.asString());
        if (status >= 400) {
            assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        }
        return mapper.readTree(response.asString());
    }

    static JsonNode row(JsonNode quarter, String unit) {
        for (JsonNode r : quarter.path("rows")) {
            if (r.path("unit").asText().equals(unit)) {
                return r;
            }
        }
        throw new AssertionError(unit + " not in " + quarter);
    }

    static JsonNode find(JsonNode items, String id) {
        for (JsonNode e : items) {
            if (e.path("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError(id);
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    static void portion(JsonNode p, String target, String earned, String completion, int tier, String toNext, String score, String pace,
                        boolean behind) {
        decimal(target, p.path("target"));
        decimal(earned, p.path("earned"));
        decimal(completion, p.path("completion"));
        assertEquals(tier, p.path("tier").asInt(), p.toString());
        decimal(toNext, p.path("pointsToNextTier"));
        decimal(score, p.path("score"));
        decimal(pace, p.path("pace"));
        assertEquals(behind, p.path("behindPace").asBoolean(), p.toString());
    }

    static void decimal(String expected, JsonNode actual) {
        assertTrue(actual.isNumber(), "a number, not " + actual);
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), "expected " + expected + ", got " + actual);
    }
}
