package cn.panzhihua.scoring.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole assessment year through the API (issue 20): open → the 72 units' self-assessments (with
 * files for some) → the office's facts and scoring → publication → three objections (one upheld, two
 * rejected) → confirmation → hand-over. Every forbidden step answers 403, 404 or 409 problem+json,
 * a unit's credentials never reach another unit's data, hostile uploads are refused or stored inert.
 *
 * <p>Numbers by hand (SPEC sections 2–4, 攀办函〔2016〕104号):
 * <ul>
 * <li>A clean year (12 months of 8 submissions, nothing adopted, no finding): information 5+5+5+5+0 = 20.
 *     附件1 units (municipal departments, mass organisations, liaison offices): 20/100 × 3 = 0.6;
 *     钒钛高新区管委会 (附件3): 20/100 × 1 = 0.2; counties (附件2): −(100 − 20)/100 × 1 = −0.8;
 *     disclosure and efficiency 100, contributing 0.</li>
 * <li>市财政局 (targets 80 municipal, 6 provincial): D-1.2 deducts 2.5 → disclosure 97.5 → −2.5/100 × 2 = −0.05;
 *     E-1 × 2 deducts 10 → efficiency 90 → −0.2; 15 《攀政快讯》 × 4 = 60 of 80 = 75% → tier 70% of 64 = 44.8,
 *     2 《川政晨讯》 × 3 = 6 of 6 = 100% → 16; information 20 + 60.8 = 80.8 → 80.8/100 × 3 = 2.424;
 *     total 2.424 − 0.05 − 0.2 = 2.174. Its objection to E-1 is upheld (one missing system, not two):
 *     efficiency 95 → −0.1, total 2.274.</li>
 * </ul>
 */
@QuarkusTest
@TestProfile(CampaignProfile.class)
class CampaignWalkTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String Y = "/api/v1/campaigns/2016";
    static final String CAIZHENG = "市财政局";
    static final String DONGQU = "东区政府";
    static final String BEIJING = "市政府驻北京联络处";
    static final String CLEAN = "{\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}}";
    static final long MB = 1024 * 1024;

    @Inject
    CampaignClock clock;

    final List<String> units = CampaignProfile.units();

    @Test
    void aWholeYear() throws Exception {
        assertEquals(72, units.size());
        String caizheng = user(CAIZHENG);
        String dongqu = user(DONGQU);
        String beijing = user(BEIJING);

        // ---- open
        on("2017-01-10");
        String dates = "{\"selfAssessmentDue\": \"2017-01-15\", \"publicationFrom\": \"2017-02-01\", \"publicationTo\": \"2017-02-07\"}";
        problem(as(caizheng).contentType(ContentType.JSON).body(dates).post(Y), 403);
        problem(given().contentType(ContentType.JSON).body(dates).post(Y), 401);
        problem(as("evaluator").contentType(ContentType.JSON).body("{\"selfAssessmentDue\": \"2017-01-15\", \"publicationFrom\": \"2017-01-01\","
                + " \"publicationTo\": \"2017-02-07\"}").post(Y), 400, "publicationFrom");
        JsonNode opened = json(as("evaluator").contentType(ContentType.JSON).body(dates).post(Y), 200);
        assertEquals("OPEN", opened.path("stage").asText());
        problem(as("evaluator").contentType(ContentType.JSON).body(dates).post(Y), 409);
        problem(as("supervisor").get(Y + "/handover"), 409, "stage");

        // ---- self-assessment: every item of every unit, at full marks
        for (int i = 0; i < units.size(); i++) {
            String unit = units.get(i);
            JsonNode view = json(as(CampaignProfile.user(i)).get(Y + "/units/" + unit), 200);
            assertTrue(view.path("submissionOpen").asBoolean());
            for (JsonNode item : view.path("items")) {
                json(as(CampaignProfile.user(i)).contentType(ContentType.JSON).body(Map.of("selfScore", item.path("max").decimalValue(),
                        "explanation", unit + " 按细则完成" + item.path("name").asText())).put(Y + "/units/" + unit + "/self-assessment/"
                        + item.path("code").asText()), 200);
            }
        }
        JsonNode mine = json(as(caizheng).get(Y + "/units/" + CAIZHENG), 200);
        assertEquals(14, mine.path("items").size(), "市财政局: disclosure 4 + efficiency 5 + information 5 items");
        assertEquals(10, json(as(dongqu).get(Y + "/units/" + DONGQU), 200).path("items").size(), "a county: efficiency 5 + information 5 items");
        assertEquals(5, json(as(beijing).get(Y + "/units/" + BEIJING), 200).path("items").size(), "a liaison office: information 5 items");
        // a revision is a new version; both are kept
        String d1 = Y + "/units/" + CAIZHENG + "/self-assessment/D-1";
        json(as(caizheng).contentType(ContentType.JSON).body("{\"selfScore\": 9.5, \"explanation\": \"未参加专题培训一次\"}").put(d1), 200);
        problem(as(caizheng).contentType(ContentType.JSON).body("{\"selfScore\": 10.5, \"explanation\": \"x\"}").put(d1), 400, "selfScore");
        problem(as(caizheng).contentType(ContentType.JSON).body("{\"selfScore\": 5}").put(d1), 400, "explanation");
        problem(as(caizheng).contentType(ContentType.JSON).body("{\"selfScore\": 5, \"explanation\": \"x\"}")
                .put(Y + "/units/" + CAIZHENG + "/self-assessment/Z-9"), 404, "item");
        // the same idempotency key twice: one new version, the same answer
        Response first = as(caizheng).header("Idempotency-Key", "d1-third").contentType(ContentType.JSON)
                .body("{\"selfScore\": 9, \"explanation\": \"第三稿\"}").put(d1);
        Response again = as(caizheng).header("Idempotency-Key", "d1-third").contentType(ContentType.JSON)
                .body("{\"selfScore\": 9, \"explanation\": \"第三稿\"}").put(d1);
        assertEquals(200, first.statusCode());
        assertEquals(first.asString(), again.asString());
        assertEquals("true", again.header("Idempotency-Replayed"));
        JsonNode itemD1 = item(json(as(caizheng).get(Y + "/units/" + CAIZHENG), 200), "D-1");
        assertEquals(3, itemD1.path("versions").size(), "versions 10, 9.5, 9: the repeated request did nothing");
        assertEquals(0, new BigDecimal("9").compareTo(itemD1.path("current").path("selfScore").decimalValue()));

        // ---- evidence files, recognised by content
        byte[] pdf = EvidenceSamples.pdf("市财政局 组织保障");
        JsonNode pdfFile = upload(caizheng, CAIZHENG, "D-1", "专题汇报纪要.pdf", pdf, 200);
        assertEquals("application/pdf", pdfFile.path("mediaType").asText());
        assertEquals(sha256(pdf), pdfFile.path("sha256").asText());
        assertEquals("image/png", upload(caizheng, CAIZHENG, "E-1", "制度.png", EvidenceSamples.png(), 200).path("mediaType").asText());
        assertEquals(EvidenceFiles.DOCX, upload(dongqu, DONGQU, "E-1", "制度汇编.docx", EvidenceSamples.docx(), 200).path("mediaType").asText());
        assertEquals(EvidenceFiles.XLSX, upload(dongqu, DONGQU, "E-2", "台账.xlsx", EvidenceSamples.xlsx(), 200).path("mediaType").asText());
        assertEquals(EvidenceFiles.OFD, upload(beijing, BEIJING, "I-1", "网络.ofd", EvidenceSamples.ofd(), 200).path("mediaType").asText());
        assertEquals("image/jpeg", upload(beijing, BEIJING, "I-1", "照片.jpg", EvidenceSamples.jpeg(), 200).path("mediaType").asText());
        Response download = as(caizheng).get(pdfFile.path("download").asText());
        assertEquals(200, download.statusCode());
        assertEquals("application/pdf", download.contentType());
        assertTrue(download.header("Content-Disposition").startsWith("attachment;"), download.header("Content-Disposition"));
        assertEquals("nosniff", download.header("X-Content-Type-Options"));
        assertArrayEquals(pdf, download.asByteArray());

        // ---- hostile uploads: refused, or stored inert under what they are
        problem(uploadResponse(caizheng, CAIZHENG, "D-2", "证明.pdf", EvidenceSamples.html()), 415, "file");
        problem(uploadResponse(caizheng, CAIZHENG, "D-2", "制度.docx", EvidenceSamples.exe()), 415, "file");
        problem(uploadResponse(caizheng, CAIZHENG, "D-2", "带脚本.pdf", EvidenceSamples.pdfWithScript()), 415, "file");
        problem(uploadResponse(caizheng, CAIZHENG, "D-2", "炸弹.docx", EvidenceSamples.docxBomb(100 * (int) MB)), 415, "file");
        problem(uploadResponse(caizheng, CAIZHENG, "D-2", "空.pdf", new byte[0]), 400, "file");
        byte[] big = new byte[(int) (20 * MB) + 1];
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        JsonNode tooBig = problem(uploadResponse(caizheng, CAIZHENG, "D-2", "过大.pdf", big), 413);
        assertTrue(tooBig.path("detail").asText().contains("campaign.files.max-file-size"), tooBig.toString());
        JsonNode disguised = upload(caizheng, CAIZHENG, "D-2", "发票.pdf", EvidenceSamples.png(), 200);
        assertEquals("image/png", disguised.path("mediaType").asText(), "a PNG named .pdf is stored and served as the PNG it is");
        assertEquals("发票.pdf.png", disguised.path("name").asText());
        assertEquals("passwd.pdf", upload(caizheng, CAIZHENG, "D-2", "../../etc/passwd.pdf", pdf, 200).path("name").asText());
        assertEquals("报告exe.pdf", upload(caizheng, CAIZHENG, "D-2", "报告\u202Eexe.pdf", pdf, 200).path("name").asText());
        // a unit's total: 40 MB in tests; two 15 MB files fit, the third does not
        byte[] fifteen = new byte[(int) (15 * MB)];
        System.arraycopy(pdf, 0, fifteen, 0, pdf.length);
        upload(dongqu, DONGQU, "E-3", "卷一.pdf", fifteen, 200);
        upload(dongqu, DONGQU, "E-3", "卷二.pdf", fifteen, 200);
        problem(uploadResponse(dongqu, DONGQU, "E-3", "卷三.pdf", fifteen), 413, "file");
        String dongquFile = item(json(as(dongqu).get(Y + "/units/" + DONGQU), 200), "E-1").path("files").get(0).path("download").asText();

        // ---- a unit never reaches another unit's data: every operation is 404, as if it did not exist
        problem(as(caizheng).get(Y + "/units/" + DONGQU), 404, "unit");
        problem(as(caizheng).contentType(ContentType.JSON).body("{\"selfScore\": 1, \"explanation\": \"x\"}")
                .put(Y + "/units/" + DONGQU + "/self-assessment/E-1"), 404, "unit");
        problem(uploadResponse(caizheng, DONGQU, "E-1", "a.pdf", pdf), 404, "unit");
        problem(as(caizheng).get(dongquFile), 404, "id");
        problem(as(caizheng).get(Y + "/units/" + DONGQU + "/evaluation"), 404, "unit");
        problem(as(caizheng).get(Y + "/units/不存在的单位"), 404, "unit");
        assertEquals(as(caizheng).get(Y + "/units/" + DONGQU).path("detail").toString().replace(DONGQU, "X"),
                as(caizheng).get(Y + "/units/不存在的单位").path("detail").toString().replace("不存在的单位", "X"),
                "another unit and no unit read the same");
        // and never does the office's work
        problem(as(caizheng).get(Y), 403);
        problem(as(caizheng).contentType(ContentType.JSON).body(CLEAN).put(Y + "/units/" + CAIZHENG + "/facts"), 403);
        problem(as(caizheng).post(Y + "/evaluate"), 403);
        problem(as(caizheng).get(Y + "/events"), 403);
        problem(as("supervisor").get(Y + "/units/" + CAIZHENG), 403);
        problem(as("auditor").post(Y + "/evaluate"), 403);

        // ---- the office's facts
        problem(as("evaluator").contentType(ContentType.JSON).body("{\"findings\": [{\"code\": \"X-1\"}], \"information\": {\"monthlySubmissions\": "
                + "[8,8,8,8,8,8,8,8,8,8,8,8]}}").put(Y + "/units/" + CAIZHENG + "/facts"), 400, "findings[0].code");
        for (String unit : units) {
            json(as("evaluator").contentType(ContentType.JSON).body(unit.equals(CAIZHENG) ? caizhengFacts(2) : CLEAN)
                    .put(Y + "/units/" + unit + "/facts"), 200);
        }
        problem(as("evaluator").post(Y + "/evaluate"), 409, "selfAssessmentDue");

        // ---- the due date passes: locked; the office reopens one unit with a reason
        on("2017-01-16");
        problem(as(caizheng).contentType(ContentType.JSON).body("{\"selfScore\": 8, \"explanation\": \"迟交\"}").put(d1), 409, "selfAssessmentDue");
        problem(uploadResponse(caizheng, CAIZHENG, "D-1", "迟交.pdf", pdf), 409, "selfAssessmentDue");
        problem(as("evaluator").contentType(ContentType.JSON).body("{\"until\": \"2017-01-17\"}").post(Y + "/units/" + CAIZHENG + "/reopen"), 400, "reason");
        json(as("evaluator").contentType(ContentType.JSON).body("{\"reason\": \"系统故障，经分管领导同意补交\", \"until\": \"2017-01-17\"}")
                .post(Y + "/units/" + CAIZHENG + "/reopen"), 200);
        json(as(caizheng).contentType(ContentType.JSON).body("{\"selfScore\": 8, \"explanation\": \"补交\"}").put(d1), 200);
        problem(as(dongqu).contentType(ContentType.JSON).body("{\"selfScore\": 20, \"explanation\": \"迟交\"}")
                .put(Y + "/units/" + DONGQU + "/self-assessment/E-1"), 409, "selfAssessmentDue");
        JsonNode dashboard = json(as("evaluator").get(Y), 200);
        assertEquals(72, dashboard.path("units").asInt());
        assertEquals(72, dashboard.path("unitsSubmitted").asInt());
        assertEquals(0, dashboard.path("unitsLate").asInt());

        // ---- scoring: one recorded batch; again until publication
        JsonNode scored = json(as("evaluator").post(Y + "/evaluate"), 200);
        assertEquals(72, scored.path("result").path("records").size());
        JsonNode rescored = json(as("evaluator").post(Y + "/evaluate"), 200);
        assertFalse(scored.path("result").path("batchId").asText().equals(rescored.path("result").path("batchId").asText()));
        JsonNode ofRecord = json(as("evaluator").get(Y + "/units/" + CAIZHENG + "/evaluation"), 200);
        assertEquals(rescored.path("result").path("records").path(CAIZHENG).asText(), ofRecord.path("recordId").asText());
        assertDecimal("2.174", ofRecord.path("totalContribution"));
        assertDecimal("8", ofRecord.path("request").path("selfScores").path("D-1"));
        assertEquals(2, ofRecord.path("request").path("findings").size(), "the request it was built from is shown");
        problem(as(caizheng).get(Y + "/units/" + CAIZHENG + "/evaluation"), 409, "stage");
        problem(given().get("/api/v1/public/campaigns/2016"), 404, "year");

        // ---- publication
        on("2017-01-31");
        JsonNode published = json(as("evaluator").post(Y + "/publish"), 200);
        assertEquals("PUBLISHED", published.path("stage").asText());
        problem(as("evaluator").post(Y + "/publish"), 409, "stage");
        problem(as("evaluator").post(Y + "/evaluate"), 409, "stage");
        problem(as("evaluator").contentType(ContentType.JSON).body(CLEAN).put(Y + "/units/" + CAIZHENG + "/facts"), 409, "stage");
        JsonNode notice = json(given().get("/api/v1/public/campaigns/2016"), 200);
        assertEquals(72, notice.path("report").path("rows").size());
        assertEquals(published.path("checkpoint").asLong(), notice.path("checkpoint").asLong());
        assertEquals("2017-02-01", notice.path("publicationFrom").asText());
        assertDecimal("2.174", row(notice, CAIZHENG).path("totalContribution"));
        assertEquals(1, row(notice, CAIZHENG).path("rank").asInt());
        assertDecimal("-0.8", row(notice, DONGQU).path("totalContribution"));
        assertDecimal("0.6", row(notice, BEIJING).path("totalContribution"));
        assertDecimal("0.2", row(notice, "钒钛高新区管委会").path("totalContribution"));
        assertDecimal("2.174", json(as(caizheng).get(Y + "/units/" + CAIZHENG + "/evaluation"), 200).path("totalContribution"));
        // a later evaluation outside the year does not change the 通报 of record
        given().auth().preemptive().basic("evaluator", "evaluator-dev").contentType(ContentType.JSON)
                .body("{\"unit\": \"市财政局\", \"year\": 2016, \"findings\": [{\"code\": \"E-2\", \"count\": 2}], "
                        + "\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}}").post("/api/v1/evaluations").then().statusCode(200);
        assertDecimal("2.174", row(json(given().get("/api/v1/public/campaigns/2016"), 200), CAIZHENG).path("totalContribution"));
        // before the period: no objection
        String objection = "{\"subject\": \"E-1\", \"reasons\": \"我局已建立招投标管理制度，只缺行政问责制度一项\"}";
        problem(as(caizheng).contentType(ContentType.JSON).body(objection).post(Y + "/units/" + CAIZHENG + "/objections"), 409, "publicationTo");

        // ---- objections, during the period
        on("2017-02-03");
        problem(as(caizheng).contentType(ContentType.JSON).body(objection).post(Y + "/units/" + DONGQU + "/objections"), 404, "unit");
        problem(as(caizheng).contentType(ContentType.JSON).body("{\"subject\": \"Q-7\", \"reasons\": \"x\"}")
                .post(Y + "/units/" + CAIZHENG + "/objections"), 400, "subject");
        JsonNode upheld = json(as(caizheng).contentType(ContentType.JSON).body(objection).post(Y + "/units/" + CAIZHENG + "/objections"), 200);
        assertEquals(4, upheld.path("daysLeft").asInt(), "2017-02-03 to 2017-02-07");
        String dongquObjection = "{\"subject\": \"I-3\", \"reasons\": \"省直报点采用的信息未计入\"}";
        Response filed = as(dongqu).header("Idempotency-Key", "dongqu-objection").contentType(ContentType.JSON).body(dongquObjection)
                .post(Y + "/units/" + DONGQU + "/objections");
        Response filedAgain = as(dongqu).header("Idempotency-Key", "dongqu-objection").contentType(ContentType.JSON).body(dongquObjection)
                .post(Y + "/units/" + DONGQU + "/objections");
        assertEquals(200, filed.statusCode());
        assertEquals(filed.asString(), filedAgain.asString());
        JsonNode lateDongqu = MAPPER.readTree(filed.asString());
        JsonNode rejected = json(as(beijing).contentType(ContentType.JSON).body("{\"subject\": \"I-2.1\", \"reasons\": \"春节期间报送不足\"}")
                .post(Y + "/units/" + BEIJING + "/objections"), 200);
        assertEquals(3, json(as("evaluator").get(Y), 200).path("objections").size(), "the repeated request filed nothing more");
        JsonNode evidence = uploadTo(caizheng, Y + "/objections/" + upheld.path("id").asText() + "/files?name=问责制度.pdf", pdf, 200);
        assertEquals(sha256(pdf), evidence.path("sha256").asText());
        problem(uploadTo(caizheng, Y + "/objections/" + lateDongqu.path("id").asText() + "/files?name=a.pdf", pdf), 404, "id");
        problem(as("evaluator").post(Y + "/confirm"), 409, "publicationTo");

        // ---- decisions: rejected with a written reason; upheld with corrected facts
        String decide = Y + "/objections/" + rejected.path("id").asText() + "/decision";
        problem(as("evaluator").contentType(ContentType.JSON).body("{\"outcome\": \"REJECTED\"}").post(decide), 400, "reason");
        problem(as(beijing).contentType(ContentType.JSON).body("{\"outcome\": \"REJECTED\", \"reason\": \"x\"}").post(decide), 403);
        JsonNode beijingDecision = json(as("evaluator").contentType(ContentType.JSON)
                .body("{\"outcome\": \"REJECTED\", \"reason\": \"细则规定每月不足6条即扣分，节假日不例外\"}").post(decide), 200);
        assertEquals("REJECTED", beijingDecision.path("status").asText());
        JsonNode decided = json(as("evaluator").contentType(ContentType.JSON).body(Map.of("outcome", "UPHELD",
                "reason", "核实：仅缺行政问责制度一项", "facts", MAPPER.readTree(caizhengFacts(1))))
                .post(Y + "/objections/" + upheld.path("id").asText() + "/decision"), 200);
        assertEquals("UPHELD", decided.path("status").asText());
        assertNotNull(decided.path("correctedRecordId").textValue());
        problem(as("evaluator").contentType(ContentType.JSON).body("{\"outcome\": \"REJECTED\", \"reason\": \"再议\"}")
                .post(Y + "/objections/" + upheld.path("id").asText() + "/decision"), 409, "id");
        JsonNode changed = json(given().get("/api/v1/public/campaigns/2016"), 200);
        assertDecimal("2.274", row(changed, CAIZHENG).path("totalContribution"));
        assertDecimal("-0.1", row(changed, CAIZHENG).path("efficiency").path("contribution"));
        assertEquals(1, changed.path("changes").size());
        assertDecimal("2.174", changed.path("changes").get(0).path("before"));
        assertDecimal("2.274", changed.path("changes").get(0).path("after"));
        assertEquals(upheld.path("id").asText(), changed.path("changes").get(0).path("objection").asText());
        JsonNode caizhengPage = json(as(caizheng).get(Y + "/units/" + CAIZHENG), 200);
        assertEquals("UPHELD", caizhengPage.path("objections").get(0).path("status").asText());
        assertEquals(1, caizhengPage.path("objections").get(0).path("files").size());
        assertEquals(decided.path("correctedRecordId").asText(), caizhengPage.path("evaluation").path("recordId").asText());
        assertDecimal("2.274", caizhengPage.path("evaluation").path("totalContribution"));
        assertEquals("REJECTED", json(as(beijing).get(Y + "/units/" + BEIJING), 200).path("objections").get(0).path("status").asText());

        // ---- the period ends; an objection still open blocks confirmation, named
        on("2017-02-08");
        problem(as(beijing).contentType(ContentType.JSON).body("{\"subject\": \"I-1\", \"reasons\": \"迟到的异议\"}")
                .post(Y + "/units/" + BEIJING + "/objections"), 409, "publicationTo");
        JsonNode open = problem(as("evaluator").post(Y + "/confirm"), 409, "objections");
        assertTrue(open.path("detail").asText().contains(DONGQU), open.toString());
        assertEquals(lateDongqu.path("id").asText(), open.path("open").get(0).asText());
        problem(as("supervisor").get(Y + "/handover"), 409, "stage");
        // two office users decide the same objection at once: one wins, the other is told it is decided
        String dongquDecision = Y + "/objections/" + lateDongqu.path("id").asText() + "/decision";
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<Integer>> racing = new ArrayList<>();
        for (String reason : List.of("省直报点采用已计入省级任务，目标未达30%", "核对后维持原结果")) {
            Callable<Integer> call = () -> as("evaluator").contentType(ContentType.JSON)
                    .body(Map.of("outcome", "REJECTED", "reason", reason)).post(dongquDecision).statusCode();
            racing.add(two.submit(call));
        }
        Set<Integer> statuses = new TreeSet<>();
        for (Future<Integer> f : racing) {
            statuses.add(f.get());
        }
        two.shutdown();
        assertEquals(Set.of(200, 409), statuses);

        // ---- confirmation and hand-over
        problem(as("evaluator").post(Y + "/handover"), 409, "stage");
        JsonNode confirmed = json(as("evaluator").post(Y + "/confirm"), 200);
        assertEquals("CONFIRMED", confirmed.path("stage").asText());
        problem(as("evaluator").post(Y + "/confirm"), 409, "stage");
        problem(as("supervisor").get(Y + "/handover"), 409, "stage");
        problem(as("supervisor").post(Y + "/handover"), 403);
        json(as("evaluator").post(Y + "/handover"), 200);
        JsonNode pack = json(as("supervisor").get(Y + "/handover"), 200);
        assertEquals(72, pack.path("units").size());
        assertEquals(confirmed.path("checkpoint").asLong(), pack.path("confirmedCheckpoint").asLong());
        JsonNode finance = unitOf(pack, CAIZHENG);
        assertDecimal("2.274", finance.path("totalContribution"));
        assertDecimal("-0.05", finance.path("disclosure"));
        assertDecimal("-0.1", finance.path("efficiency"));
        assertDecimal("2.424", finance.path("information"));
        assertDecimal("-0.8", unitOf(pack, DONGQU).path("totalContribution"));
        assertTrue(unitOf(pack, DONGQU).path("disclosure").isNull(), "disclosure does not apply to a county");
        assertDecimal("0.6", unitOf(pack, BEIJING).path("totalContribution"));
        assertEquals(1, pack.path("changes").size());

        // ---- every step is an event in the chain, and the chain is intact
        JsonNode events = json(as("auditor").get(Y + "/events"), 200);
        Set<String> kinds = new TreeSet<>();
        events.forEach(e -> kinds.add(e.path("event").path("event").asText()));
        assertEquals(new TreeSet<>(List.of("open", "self-assessment", "file", "reopen", "facts", "evaluate", "publish", "objection",
                "decision", "confirm", "handover")), kinds);
        boolean pdfHashed = false;
        for (JsonNode e : events) {
            pdfHashed |= e.path("event").path("event").asText().equals("file") && e.path("event").path("sha256").asText().equals(sha256(pdf));
        }
        assertTrue(pdfHashed, "a file's event names its SHA-256");
        JsonNode verified = json(as("auditor").get("/api/v1/audit/verify"), 200);
        assertTrue(verified.path("intact").asBoolean(), verified.toString());
        // events are not evaluations: the records search shows none of them
        JsonNode search = json(as("auditor").get("/api/v1/evaluations?year=2016&size=1"), 200);
        assertEquals(72 * 2 + 1 + 1, search.path("total").asInt(), "two scoring batches, the corrected evaluation, the outside one");
    }

    // ---------------------------------------------------------------- helpers

    static String caizhengFacts(int missingSystems) {
        StringBuilder adoptions = new StringBuilder();
        for (int i = 1; i <= 15; i++) {
            adoptions.append("{\"channel\": \"CITY_BULLETIN\", \"date\": \"2016-").append(String.format("%02d", (i % 12) + 1)).append("-10\"},");
        }
        adoptions.append("{\"channel\": \"PROVINCE_MORNING_BRIEF\", \"date\": \"2016-05-06\"},");
        adoptions.append("{\"channel\": \"PROVINCE_MORNING_BRIEF\", \"date\": \"2016-09-06\"}");
        return "{\"findings\": [{\"code\": \"D-1.2\", \"note\": \"未参加专题培训\", \"origin\": \"SPOT_CHECK\"},"
                + " {\"code\": \"E-1\", \"count\": " + missingSystems + ", \"note\": \"缺制度\", \"origin\": \"PLATFORM\"}],"
                + " \"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8], \"adoptions\": [" + adoptions + "]}}";
    }

    void on(String day) {
        clock.use(Clock.fixed(LocalDate.parse(day).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai")));
    }

    String user(String unit) {
        return CampaignProfile.user(units.indexOf(unit));
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-dev");
    }

    static JsonNode json(Response response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.asString());
        return MAPPER.readTree(response.asString());
    }

    /** A refusal: its status, problem+json, and (if given) the field it names. */
    static JsonNode problem(Response response, int status, String... field) throws Exception {
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType() + ": " + response.asString());
        JsonNode problem = MAPPER.readTree(response.asString());
        if (field.length > 0) {
            assertEquals(field[0], problem.path("field").asText(), problem.toString());
        }
        return problem;
    }

    static JsonNode upload(String user, String unit, String item, String name, byte[] bytes, int status) throws Exception {
        return json(uploadResponse(user, unit, item, name, bytes), status);
    }

    static Response uploadResponse(String user, String unit, String item, String name, byte[] bytes) {
        return as(user).queryParam("name", name).contentType("application/octet-stream").body(bytes)
                .post(Y + "/units/" + unit + "/self-assessment/" + item + "/files");
    }

    static Response uploadTo(String user, String path, byte[] bytes) {
        return as(user).contentType("application/octet-stream").body(bytes).post(path);
    }

    static JsonNode uploadTo(String user, String path, byte[] bytes, int status) throws Exception {
        return json(uploadTo(user, path, bytes), status);
    }

    static JsonNode item(JsonNode unitView, String code) {
        for (JsonNode item : unitView.path("items")) {
            if (item.path("code").asText().equals(code)) {
                return item;
            }
        }
        throw new AssertionError("no item " + code);
    }

    static JsonNode row(JsonNode notice, String unit) {
        for (JsonNode row : notice.path("report").path("rows")) {
            if (row.path("unit").asText().equals(unit)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + unit);
    }

    static JsonNode unitOf(JsonNode pack, String unit) {
        for (JsonNode u : pack.path("units")) {
            if (u.path("unit").asText().equals(unit)) {
                return u;
            }
        }
        throw new AssertionError("no unit " + unit);
    }

    static void assertDecimal(String expected, JsonNode actual) {
        assertTrue(actual.isNumber(), "expected " + expected + ", got " + actual);
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), "expected " + expected + ", got " + actual);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
