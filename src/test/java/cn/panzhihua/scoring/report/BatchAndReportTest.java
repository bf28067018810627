package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.evaluation.EvaluationRequest;
import cn.panzhihua.scoring.evaluation.RandomUnitYears;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import cn.panzhihua.scoring.rulebook.UnitRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The yearly process: all 72 units in one batch (the same numbers as 72 single calls), bad items
 * answered on their own, and the circulation report of the batch as JSON, CSV and XLSX.
 */
@QuarkusTest
@TestSecurity(user = "office", roles = {"evaluator", "auditor"})
class BatchAndReportTest {

    static final ObjectMapper MAPPER = JsonSetup.mapper();

    @Test
    void allUnitsInOneBatchGiveTheNumbersOfSingleCalls() throws Exception {
        Rulebook rulebook = RulebookLoader.load(RulesDirectory.resolve("rules-drl").resolve("2016"));
        RandomUnitYears requests = new RandomUnitYears(rulebook, 72L);
        ArrayNode items = MAPPER.createArrayNode();
        for (UnitRow unit : rulebook.units().values()) {
            EvaluationRequest request = requests.next(unit);
            items.add(MAPPER.valueToTree(request));
        }
        ((ObjectNode) items.get(0)).putObject("selfScores").put("E-1", 20);
        String body = MAPPER.writeValueAsString(MAPPER.createObjectNode().set("items", items));
        JsonNode batch = MAPPER.readTree(given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations/batch")
                .then().statusCode(200).body("count", equalTo(72)).body("succeeded", equalTo(72)).body("failed", equalTo(0))
                .extract().asString());
        for (int i = 0; i < items.size(); i++) {
            JsonNode single = MAPPER.readTree(given().contentType(ContentType.JSON).body(MAPPER.writeValueAsString(items.get(i)))
                    .post("/api/v1/evaluations?record=false").then().statusCode(200).extract().asString());
            assertEquals(comparable(single), comparable(batch.get("items").get(i).get("evaluation")), "item " + i);
        }
        String batchId = batch.get("batchId").asText();
        given().get("/api/v1/evaluations?batch=" + batchId + "&size=100").then().statusCode(200).body("total", equalTo(72));

        JsonNode report = MAPPER.readTree(given().get("/api/v1/reports/2016?batch=" + batchId).then().statusCode(200).contentType(ContentType.JSON)
                .body("year", equalTo(2016)).body("rows", hasSize(72))
                .body("rows.findAll { it.category == 'COUNTY' }", hasSize(5))
                .body("rows.find { it.category == 'COUNTY' }.rank", equalTo(1))
                .extract().asString());
        // The report states the signed checkpoint it was built on; it covers the batch (signed in its transaction).
        JsonNode checkpoint = report.get("checkpoint");
        assertEquals(batch.get("checkpoint"), checkpoint, "nothing was added since the batch: the report is built on the batch's checkpoint");
        given().contentType(ContentType.JSON).body(checkpoint.toString()).post("/api/v1/audit/verify").then().statusCode(200)
                .body("against.extended", equalTo(true));

        byte[] csv = given().get("/api/v1/reports/2016?batch=" + batchId + "&format=csv").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        assertEquals((byte) 0xEF, csv[0]);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.contains("东区政府"), "CSV lists the units in Chinese");
        String[] lines = text.split("\r\n");
        assertEquals(73 + 2 + 9, lines.length, "a header, 72 rows, a blank line and the count, a blank line and the checkpoint's title and seven fields");
        assertEquals("", lines[73]);
        assertEquals("共 72 个单位，已考评 72 个，未考评 0 个", lines[74]);
        assertEquals("", lines[75]);
        assertTrue(lines[76].contains("checkpoint"), lines[76]);
        assertEquals("number," + checkpoint.get("number").asLong(), lines[77]);
        assertEquals("headHash," + checkpoint.get("headHash").asText(), lines[79]);
        assertEquals("signature," + checkpoint.get("signature").asText(), lines[83]);

        byte[] xlsx = given().accept(ReportResource.XLSX).get("/api/v1/reports/2016?batch=" + batchId).then().statusCode(200)
                .contentType(ReportResource.XLSX).extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(74, workbook.getNumberOfSheets(), "the 通报 summary, one sheet per unit and the annex");
            Sheet summary = workbook.getSheetAt(0);
            assertEquals("通报", summary.getSheetName());
            int headHash = -1;
            for (var row : summary) {
                if (row.getCell(0) != null && row.getCell(0).toString().equals("headHash")) {
                    headHash = row.getRowNum();
                }
            }
            assertTrue(headHash > 3 + 72, "the checkpoint below the 72 units");
            assertEquals(checkpoint.get("headHash").asText(), summary.getRow(headHash).getCell(1).getStringCellValue());
            assertTrue(summary.getHeader().getRight().contains("检查点 " + checkpoint.get("number").asLong()), summary.getHeader().getRight());
            String firstUnit = items.get(0).get("unit").asText();
            Sheet unitSheet = workbook.getSheet(firstUnit);
            List<String> cells = new ArrayList<>();
            unitSheet.forEach(row -> row.forEach(cell -> cells.add(cell.toString())));
            assertTrue(cells.contains("制度建设"), "the unit's sheet lists its efficiency items: " + cells);
            assertTrue(cells.contains("20.0") || cells.contains("20"), "the self-score 20 of E-1 is in the 自评分 column");
        }
    }

    /**
     * Issue 19 §1: a progress check of 米易县政府 (150/12) recorded after its annual evaluation does not replace its row.
     * Annual: one E-2 violation → 90 → −0.2; 28 《攀政快讯》 = 112/150 = 74.7% → 70% of 64 = 44.8, 4 《川政晨讯》 = 12/12 → 16;
     * I = 20 + 60.8 = 80.8 → −(19.2/100) × 1 = −0.192. Total −0.392. Progress at 2016-06-30: 6 《攀政快讯》 = 24/150 → 0,
     * no provincial → 0; I = 20 → −0.8; total −0.8.
     */
    @Test
    void aProgressCheckIsARecordOfItsOwnKindAndNeverEntersThe通报() throws Exception {
        ArrayNode annual = MAPPER.createArrayNode();
        for (int i = 0; i < 28; i++) {
            annual.addObject().put("channel", "CITY_BULLETIN").put("date", "2016-%02d-%02d".formatted(1 + i % 12, 1 + i));
        }
        for (int i = 0; i < 4; i++) {
            annual.addObject().put("channel", "PROVINCE_MORNING_BRIEF").put("date", "2016-1%d-05".formatted(i % 3));
        }
        ArrayNode progress = MAPPER.createArrayNode();
        for (int i = 0; i < 6; i++) {
            progress.addObject().put("channel", "CITY_BULLETIN").put("date", "2016-0%d-10".formatted(1 + i));
        }
        String months = "[8,8,8,8,8,8,8,8,8,8,8,8]";
        String annualBody = "{\"unit\":\"米易县政府\",\"year\":2016,\"findings\":[{\"code\":\"E-2\",\"note\":\"公车私用\"}],"
                + "\"information\":{\"monthlySubmissions\":" + months + ",\"adoptions\":" + annual + "}}";
        String progressBody = "{\"unit\":\"米易县政府\",\"year\":2016,\"asOf\":\"2016-06-30\","
                + "\"information\":{\"monthlySubmissions\":" + months + ",\"adoptions\":" + progress + "}}";
        // one after the other (a batch takes one evaluation per unit): the progress check is the unit's latest record
        JsonNode annualResult = MAPPER.readTree(given().contentType(ContentType.JSON).body(annualBody).post("/api/v1/evaluations")
                .then().statusCode(200).extract().asString());
        JsonNode progressResult = MAPPER.readTree(given().contentType(ContentType.JSON).body(progressBody).post("/api/v1/evaluations")
                .then().statusCode(200).extract().asString());
        assertEquals(0, new java.math.BigDecimal("-0.392").compareTo(annualResult.get("totalContribution").decimalValue()), annualResult.toString());
        assertEquals(0, new java.math.BigDecimal("-0.8").compareTo(progressResult.get("totalContribution").decimalValue()), progressResult.toString());

        // records and search say which is which
        given().get("/api/v1/evaluations/" + progressResult.get("evaluationId").asText()).then().statusCode(200).body("kind", equalTo("PROGRESS"));
        given().get("/api/v1/evaluations/" + annualResult.get("evaluationId").asText()).then().statusCode(200).body("kind", equalTo("ANNUAL"));

        // the year's 通报 keeps the annual figures; every unit of table C is counted, ranked or 未考评
        given().get("/api/v1/reports/2016").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("rows.find { it.unit == '米易县政府' }.evaluationId", equalTo(annualResult.get("evaluationId").asText()))
                .body("rows.find { it.unit == '米易县政府' }.totalContribution", equalTo(-0.392f))
                .body("rows.find { it.unit == '米易县政府' }.information.score", equalTo(80.8f))
                .body("unitCount", equalTo(72));
        JsonNode year = MAPPER.readTree(given().get("/api/v1/reports/2016").then().statusCode(200).extract().asString());
        assertEquals(72, year.get("evaluatedCount").asInt() + year.get("notEvaluatedCount").asInt(), year.get("notEvaluated").toString());
        assertEquals(year.get("rows").size(), year.get("evaluatedCount").asInt());

        // the record page marks the progress check
        given().get("/console/evaluations/" + progressResult.get("evaluationId").asText()).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body(containsString("进度考评：政务信息采用情况统计至 2016-06-30，不是年度考评结果，不计入年度通报。"));
    }

    @Test
    void aBadItemGetsItsOwnProblemAndTheOthersTheirResults() {
        String months = "\"information\": {\"monthlySubmissions\": [8,8,8,8,8,8,8,8,8,8,8,8]}";
        String body = """
                {"items": [
                  {"unit": "市财政局", "year": 2016, %s},
                  {"unit": "市不存在局", "year": 2016, %s},
                  {"unit": "市财政局", "year": 2016, %s},
                  {"unit": "市林业局", "year": 2016, "asOf": "2016-13-01", %s},
                  {"unit": "东区政府", "year": 2016, "selfScores": {"E-1": 25}, %s},
                  {"unit": "市总工会", "year": 2016, %s}
                ]}""".formatted(months, months, months, months, months, months);
        String batchId = given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations/batch").then().statusCode(200)
                .body("count", equalTo(6)).body("succeeded", equalTo(2)).body("failed", equalTo(4))
                .body("items[0].status", equalTo(200)).body("items[0].evaluation.unit", equalTo("市财政局"))
                .body("items[1].status", equalTo(400)).body("items[1].problem.field", equalTo("items[1].unit"))
                .body("items[1].problem.detail", containsString("市不存在局"))
                .body("items[2].problem.field", equalTo("items[2].unit")).body("items[2].problem.detail", containsString("items[0]"))
                .body("items[3].problem.field", equalTo("items[3].asOf"))
                .body("items[4].problem.field", equalTo("items[4].selfScores.E-1"))
                .body("items[5].status", equalTo(200))
                .extract().path("batchId");
        given().get("/api/v1/evaluations?batch=" + batchId).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void batchAndReportRefusals() {
        given().contentType(ContentType.JSON).body("{\"items\": []}").post("/api/v1/evaluations/batch").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("items"));
        given().contentType(ContentType.JSON).body("[1,2]").post("/api/v1/evaluations/batch").then().statusCode(400).body("field", equalTo("items"));
        given().contentType(ContentType.JSON).body("{\"items\": [").post("/api/v1/evaluations/batch").then().statusCode(400)
                .body("title", equalTo("Malformed JSON"));
        given().get("/api/v1/reports/2016?format=docx").then().statusCode(400).body("field", equalTo("format"));
        given().get("/api/v1/reports/2016?batch=0f8fad5b-d9cb-469f-a165-70867728950e").then().statusCode(404)
                .contentType("application/problem+json").body("field", equalTo("batch"));
        given().get("/api/v1/reports/2015").then().statusCode(404).body("field", equalTo("year"));
    }

    /** What must agree between a batch item and a single call: everything but identity and time. */
    static JsonNode comparable(JsonNode evaluation) {
        ObjectNode copy = evaluation.deepCopy();
        copy.remove(List.of("evaluationId", "evaluatedAt", "recorded"));
        return copy;
    }
}
