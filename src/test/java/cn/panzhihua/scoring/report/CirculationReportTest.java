package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.report.CirculationReport.Row;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static cn.panzhihua.scoring.report.ReportFixture.GENERATED;
import static cn.panzhihua.scoring.report.ReportFixture.RESPONSES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CirculationReportTest {

    private final CirculationReport report = CirculationReport.of(2016, RESPONSES, GENERATED, ReportFixture.CATEGORIES);

    @Test
    void rowsAreInCategoryOrderThenRankThenName() {
        // Ranks and totals from the hand calculations in ReportFixture; 市财政局 and 市公安局 tie at 2.75,
        // share rank 2, and 市国资委 comes 4th (competition ranking). The tie is listed in pinyin order
        // (cai before gong), which is not the code point order (公 U+516C before 财 U+8D22).
        List<String> expected = List.of(
                "COUNTY 1 西区政府 0",
                "COUNTY 2 东区政府 -0.412",
                "MUNICIPAL_DEPARTMENT 1 市司法局 3",
                "MUNICIPAL_DEPARTMENT 2 市财政局 2.75",
                "MUNICIPAL_DEPARTMENT 2 市公安局 2.75",
                "MUNICIPAL_DEPARTMENT 4 市国资委 2.424",
                "HIGH_TECH_ZONE 1 钒钛高新区管委会 -1.098",
                "MASS_ORGANIZATION 1 市妇联 2.28",
                "MASS_ORGANIZATION 2 市总工会 0",
                "LIAISON_OFFICE 1 市政府驻北京联络处 2.94");
        List<String> actual = new ArrayList<>();
        for (Row row : report.rows()) {
            actual.add(row.category() + " " + row.rank() + " " + row.unit() + " " + row.totalContribution().toPlainString());
        }
        assertEquals(expected, actual);
        assertEquals(2016, report.year());
        assertEquals(GENERATED, report.generatedAt());
    }

    @Test
    void rowsCarryEachAssessmentAsTheResponseGaveIt() {
        Row finance = row("市财政局");
        assertDecimal("97.5", finance.disclosure().score());
        assertDecimal("-0.05", finance.disclosure().contribution());
        assertEquals(Boolean.FALSE, finance.disclosure().vetoed());
        assertDecimal("90", finance.efficiency().score());
        assertDecimal("-0.2", finance.efficiency().contribution());
        assertNull(finance.efficiency().vetoed(), "efficiency has no veto");
        assertDecimal("100", finance.information().score());
        assertDecimal("3", finance.information().contribution());
        assertEquals("eval-市财政局", finance.evaluationId());
        assertEquals(ReportFixture.RULEBOOK.version(), finance.rulebookVersion());

        Row zone = row("钒钛高新区管委会");
        assertDecimal("100", zone.disclosure().score());
        assertEquals(Boolean.TRUE, zone.disclosure().vetoed());
        assertDecimal("-2", zone.disclosure().contribution());
        assertDecimal("90.2", zone.information().score());
        assertDecimal("0.902", zone.information().contribution());

        Row union = row("市总工会");
        assertFalse(union.disclosure().applicable());
        assertNull(union.disclosure().score());
        assertFalse(union.efficiency().applicable());
        assertDecimal("95", union.information().score());
        assertEquals(Boolean.TRUE, union.information().vetoed());
        assertDecimal("0", union.information().contribution());

        Row east = row("东区政府");
        assertFalse(east.disclosure().applicable());
        assertDecimal("78.8", east.information().score());
        assertDecimal("-0.212", east.information().contribution());
    }

    @Test
    void aProgressEvaluationNeverEntersTheAnnual通报() {
        EvaluationResponse progress = ReportFixture.progressCheck();
        // the figures of the progress check, worked out by hand in ReportFixture.progressCheck
        assertDecimal("20", progress.information().score());
        assertDecimal("-0.8", progress.totalContribution());
        assertTrue(CirculationReport.progress(progress));
        List<EvaluationResponse> withProgress = new ArrayList<>(RESPONSES);
        withProgress.add(progress);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CirculationReport.of(2016, withProgress, GENERATED, ReportFixture.RULEBOOK));
        assertTrue(refused.getMessage().contains("progress evaluation (asOf 2016-06-30)"), refused.getMessage());
    }

    @Test
    void everyUnitOfTableCIsRankedOrListedAs未考评() {
        CirculationReport full = CirculationReport.of(2016, RESPONSES, GENERATED, ReportFixture.RULEBOOK);
        assertEquals(72, full.unitCount());
        assertEquals(10, full.evaluatedCount());
        assertEquals(62, full.notEvaluatedCount());
        assertEquals("共 72 个单位，已考评 10 个，未考评 62 个", full.countLine());
        assertTrue(full.notEvaluated().contains(new CirculationReport.Unevaluated("市侨联", "MASS_ORGANIZATION", "市级群团单位")));
        assertEquals("仁和区政府", full.notEvaluated().get(0).unit(), "in table C order");
        assertTrue(full.notEvaluated().stream().noneMatch(u -> u.unit().equals("市财政局")), "an evaluated unit is not listed");
        assertEquals(report.rows(), full.rows(), "the ranking is the same");
    }

    @Test
    void aVetoIsNamedInItsRow() {
        assertEquals(List.of(), row("市财政局").vetoes());
        List<String> vetoes = row("钒钛高新区管委会").vetoes();
        assertEquals(1, vetoes.size(), vetoes.toString());
        assertTrue(vetoes.get(0).startsWith("政务公开一票否决：D-V4 ") && vetoes.get(0).contains("通报批评"), vetoes.get(0));
    }

    @Test
    void refusesResponsesThatWouldMakeTheRankingWrong() {
        EvaluationResponse finance = ReportFixture.response("市财政局");
        assertThrows(IllegalArgumentException.class, () -> CirculationReport.of(2017, List.of(finance), GENERATED, ReportFixture.CATEGORIES));
        assertThrows(IllegalArgumentException.class, () -> CirculationReport.of(2016, List.of(finance, finance), GENERATED, ReportFixture.CATEGORIES));
    }

    @Test
    void everyCategoryIsRankedOnItsOwn() {
        for (String category : ReportFixture.CATEGORIES.keySet()) {
            List<Row> rows = report.rows().stream().filter(r -> r.category().equals(category)).toList();
            assertTrue(rows.isEmpty() || rows.get(0).rank() == 1, category + " starts at rank 1");
        }
    }

    private Row row(String unit) {
        return report.rows().stream().filter(r -> r.unit().equals(unit)).findFirst().orElseThrow();
    }

    static void assertDecimal(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", was " + actual);
    }
}
