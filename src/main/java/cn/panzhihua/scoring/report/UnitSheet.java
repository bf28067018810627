package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.AssessmentResult;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.ItemResult;
import cn.panzhihua.scoring.facts.Assessment;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One unit's sheet: for each assessment that applies, the 考评表 as the document lays it out
 * (序号, 考核内容/指标, 分值, 评分标准, 自评分, 考核分) filled with the unit's scores, then the
 * assessment's total and what it adds to the unit's annual target score.
 */
final class UnitSheet {

    static final String[] HEADINGS = {"序号", null, "分值", "评分标准", "自评分", "考核分"};
    /** Column widths in characters; 评分标准 is wide and wraps. */
    private static final int[] WIDTHS = {10, 24, 8, 80, 8, 8};
    private static final float LINE_POINTS = 16f;
    private static final float TITLE_POINTS = 22f;
    /** Excel refuses rows taller than 409 points. */
    private static final float MAX_ROW_POINTS = 409f;

    private final Sheet sheet;
    private final Styles styles;
    private int next;

    private UnitSheet(Sheet sheet, Styles styles) {
        this.sheet = sheet;
        this.styles = styles;
    }

    static void write(Sheet sheet, EvaluationResponse response, ScoringCriteria criteria, SelfScores selfScores, Styles styles) {
        new UnitSheet(sheet, styles).fill(response, criteria, selfScores);
    }

    private void fill(EvaluationResponse response, ScoringCriteria criteria, SelfScores selfScores) {
        for (int c = 0; c < WIDTHS.length; c++) {
            sheet.setColumnWidth(c, Styles.columnWidth(WIDTHS[c]));
        }
        spanning(response.unit() + "　" + response.year() + "年度考评", styles.title);
        spanning("类别：" + criteria.tables().categoryName(response.category()) + "　评估编号：" + response.evaluationId()
                + "　规则版本：" + response.rulebookVersion(), styles.plain);
        for (Assessment assessment : Assessment.values()) {
            AssessmentResult result = result(response, assessment);
            if (result != null && result.applicable()) {
                next++;
                table(response, assessment, result, criteria, selfScores);
            }
        }
    }

    private void table(EvaluationResponse response, Assessment assessment, AssessmentResult result,
                       ScoringCriteria criteria, SelfScores selfScores) {
        AssessmentTables tables = criteria.tables();
        spanning(tables.title(assessment, response.category()), styles.title);
        String[] headings = HEADINGS.clone();
        headings[1] = tables.itemHeading(assessment, response.category());
        line(styles.header, (Object[]) headings);
        BigDecimal max = BigDecimal.ZERO;
        for (ItemResult item : result.items()) {
            String standard = criteria.of(item.code(), tables.attachment(assessment, response.category()));
            line(styles.table, item.code(), item.name(), item.max(), standard,
                    selfScores.score(response.unit(), item.code()), item.score());
            max = max.add(item.max());
        }
        line(styles.tableBold, "合计", null, max, null, null, result.score());
        String veto = Boolean.TRUE.equals(result.vetoed()) ? "一票否决" : null;
        line(styles.tableBold, "折算", "计入目标考核总分", null, veto, null, result.contribution());
    }

    private void line(CellStyle style, Object... values) {
        Row row = sheet.createRow(next++);
        int lines = 1;
        for (int c = 0; c < values.length; c++) {
            Styles.put(row, c, values[c], style);
            lines = Math.max(lines, wrappedLines(values[c], WIDTHS[c]));
        }
        // Excel does not grow a row for wrapped text in a file it opens, so the height is set here.
        row.setHeightInPoints(Math.min(MAX_ROW_POINTS, lines * LINE_POINTS));
    }

    private void spanning(String text, CellStyle style) {
        int at = next++;
        Row row = sheet.createRow(at);
        Styles.put(row, 0, text, style);
        if (style == styles.title) {
            row.setHeightInPoints(TITLE_POINTS);
        }
        sheet.addMergedRegion(new CellRangeAddress(at, at, 0, WIDTHS.length - 1));
    }

    static int wrappedLines(Object value, int widthChars) {
        if (value == null) {
            return 1;
        }
        return Arrays.stream(value.toString().split("\n", -1))
                .mapToInt(line -> Math.max(1, (Styles.displayWidth(line) + widthChars - 1) / widthChars))
                .sum();
    }

    private static AssessmentResult result(EvaluationResponse response, Assessment assessment) {
        return switch (assessment) {
            case DISCLOSURE -> response.disclosure();
            case EFFICIENCY -> response.efficiency();
            case INFORMATION -> response.information();
        };
    }
}
