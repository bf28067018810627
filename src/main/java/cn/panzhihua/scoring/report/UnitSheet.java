package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.rulebook.Rulebook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

import java.util.List;

/**
 * One unit's sheet: the title block, then for each assessment that applies the 考评表 as the
 * document lays it out (序号, 考核内容/指标, 分值, 评分标准, 自评分, 考核分) filled with the unit's
 * scores, its total and what it adds to the unit's annual target score. Printed A4 landscape, one
 * page wide; each table starts on a new page and the column heads repeat on every page. A line is
 * one row, so it is never printed apart from its score.
 */
final class UnitSheet {

    /** The column heads every page repeats; the second names both the tables' 考核内容 and 考核指标. */
    static final List<String> HEADINGS = List.of("序号", "考核内容／指标", "分值", "评分标准", "自评分", "考核分");
    /** Column widths in characters (a CJK character is two): 评分标准 is wide and wraps. */
    static final int[] WIDTHS = {7, 16, 6, 92, 7, 7};
    static final int HEADER_ROW = 4;

    private final Sheet sheet;
    private final Styles styles;
    private int next;

    private UnitSheet(Sheet sheet, Styles styles) {
        this.sheet = sheet;
        this.styles = styles;
    }

    static void write(Sheet sheet, EvaluationResponse response, Rulebook rulebook, SelfScores selfScores, Styles styles,
                      TitleBlock head) {
        new UnitSheet(sheet, styles).fill(response, rulebook, selfScores, head);
    }

    private void fill(EvaluationResponse response, Rulebook rulebook, SelfScores selfScores, TitleBlock head) {
        for (int c = 0; c < WIDTHS.length; c++) {
            sheet.setColumnWidth(c, Styles.columnWidth(WIDTHS[c]));
        }
        String name = response.unit() + "　" + response.year() + "年度考评表";
        spanning(head.issuer(), styles.issuer, 20f);
        spanning(name, styles.title, 26f);
        spanning("依据：" + head.basis() + "　考核年度：" + head.year() + "年　报告日期：" + head.dateText(), styles.subtitle, 0f);
        spanning("单位类别：" + SummaryColumns.categoryLabel(rulebook, response.category()) + "　合计折算（计入目标考核总分）："
                + ReportPdf.text(response.totalContribution()) + " 分　评估编号：" + response.evaluationId()
                + "　规则版本：" + response.rulebookVersion(), styles.subtitle, 0f);
        line(styles.header, HEADINGS.toArray());
        boolean first = true;
        for (AssessmentSheet table : AssessmentSheet.of(response, rulebook, selfScores)) {
            if (!first) {
                // every 考评表 starts a page of its own, under the repeated column heads
                sheet.setRowBreak(next - 1);
            }
            first = false;
            spanning(table.title(), styles.tableTitle, 24f);
            for (AssessmentSheet.Line item : table.lines()) {
                line(new CellStyle[]{styles.tableCentered, styles.table, styles.tableNumber, styles.table, styles.tableNumber,
                        styles.tableBoldNumber}, item.code(), item.name(), item.max(), item.criteria(), item.selfScore(), item.score());
            }
            line(new CellStyle[]{styles.tableBold, styles.tableBold, styles.tableBoldNumber, styles.tableBold, styles.tableBold,
                    styles.tableBoldNumber}, "合计", null, table.max(), null, null, table.score());
            line(new CellStyle[]{styles.tableBold, styles.tableBold, styles.tableBold, styles.tableBold, styles.tableBold,
                    styles.tableBoldNumber}, "折算", "计入目标考核总分", null, table.vetoed() ? "一票否决" : null, null, table.contribution());
        }
        Styles.printSetup(sheet, HEADER_ROW, name);
    }

    private void line(CellStyle style, Object... values) {
        CellStyle[] styles = new CellStyle[values.length];
        java.util.Arrays.fill(styles, style);
        line(styles, values);
    }

    private void line(CellStyle[] cellStyles, Object... values) {
        Row row = sheet.createRow(next++);
        int lines = 1;
        for (int c = 0; c < values.length; c++) {
            Styles.put(row, c, values[c], cellStyles[c]);
            lines = Math.max(lines, Styles.wrappedLines(values[c], WIDTHS[c]));
        }
        // Excel does not grow a row for wrapped text in a file it opens, so the height is set here.
        row.setHeightInPoints(Styles.rowHeight(lines));
    }

    /** A row merged across the table; {@code height} 0 sizes it for its text. */
    private void spanning(String text, CellStyle style, float height) {
        int at = next++;
        Row row = sheet.createRow(at);
        Styles.put(row, 0, text, style);
        for (int c = 1; c < WIDTHS.length; c++) {
            row.createCell(c).setCellStyle(style);
        }
        int total = 0;
        for (int w : WIDTHS) {
            total += w;
        }
        row.setHeightInPoints(height > 0 ? height : Styles.rowHeight(Styles.wrappedLines(text, total)));
        sheet.addMergedRegion(new CellRangeAddress(at, at, 0, WIDTHS.length - 1));
    }
}
