package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.report.SummaryColumns.Column;
import cn.panzhihua.scoring.rulebook.Rulebook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the 通报 as an XLSX workbook: the summary sheet 通报 (the CSV's columns, numbers as
 * numbers), then one sheet per unit with its 考评表, in the summary's order.
 */
public final class ReportXlsx {

    static final String SUMMARY_SHEET = "通报";
    /** The sheet that keeps what printed sheets leave out: each row's record id and rulebook version. */
    static final String ANNEX_SHEET = "附表-记录编号";
    private static final int MIN_WIDTH = 6;
    private static final int MAX_WIDTH = 38;

    private ReportXlsx() {
    }

    /**
     * @param responses  the responses the report was built from; each unit's sheet is drawn from its response
     * @param rulebook   the rulebook of the report's year; the 评分标准 texts are taken from it
     * @param selfScores the units' 自评分; null for none
     * @param out        receives the workbook; flushed, not closed
     * @throws IllegalArgumentException if the rulebook is of another year, or a row has no matching response
     */
    public static void write(CirculationReport report, List<EvaluationResponse> responses, Rulebook rulebook,
                             SelfScores selfScores, OutputStream out) throws IOException {
        if (rulebook.year() != report.year()) {
            throw new IllegalArgumentException("the rulebook is of year " + rulebook.year() + ", the report is of " + report.year());
        }
        Map<String, EvaluationResponse> byUnit = new HashMap<>();
        responses.forEach(r -> byUnit.put(r.unit(), r));
        SelfScores scores = Objects.requireNonNullElse(selfScores, SelfScores.none());
        TitleBlock head = TitleBlock.of(rulebook, report.year(), report.generatedAt());
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            SheetNames names = new SheetNames();
            Sheet summarySheet = workbook.createSheet(names.next(SUMMARY_SHEET));
            summary(summarySheet, report, styles, head);
            checkpoint(summarySheet, report);
            for (CirculationReport.Row row : report.rows()) {
                EvaluationResponse response = matching(row, byUnit);
                UnitSheet.write(workbook.createSheet(names.next(row.unit())), response, rulebook, scores, styles, head, report.checkpoint());
            }
            annex(workbook.createSheet(names.next(ANNEX_SHEET)), report, styles);
            properties(workbook, report);
            workbook.write(out);
        }
        out.flush();
    }

    /** The heading of the 通报, as the summary sheet and the PDF print it. */
    static String heading(int year) {
        return year + "年度政务（信息）公开、效能建设、政务信息工作考核结果通报";
    }

    private static void summary(Sheet sheet, CirculationReport report, Styles styles, TitleBlock head) {
        List<Column> columns = SummaryColumns.PRINTED;
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            // heads wrap onto two lines, so a column is as wide as its values or half its head
            widths[c] = Math.max(MIN_WIDTH, (Styles.displayWidth(columns.get(c).header()) + 1) / 2 + 1);
        }
        for (CirculationReport.Row row : report.rows()) {
            for (int c = 0; c < columns.size(); c++) {
                widths[c] = Math.max(widths[c], Math.min(MAX_WIDTH, Styles.displayWidth(columns.get(c).value().apply(row)) + 2));
            }
        }
        int total = 0;
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, Styles.columnWidth(widths[c]));
            total += widths[c];
        }
        int r = 0;
        r = spanning(sheet, r, head.issuer(), styles.issuer, 20f, columns.size());
        r = spanning(sheet, r, heading(report.year()), styles.title, 26f, columns.size());
        r = spanning(sheet, r, "依据：" + head.basis() + "　报告日期：" + head.dateText(), styles.subtitle,
                Styles.rowHeight(Styles.wrappedLines(head.basis(), total)), columns.size());
        int headerRow = r;
        Row header = sheet.createRow(r++);
        int headerLines = 1;
        for (int c = 0; c < columns.size(); c++) {
            Styles.put(header, c, columns.get(c).header(), styles.header);
            headerLines = Math.max(headerLines, Styles.wrappedLines(columns.get(c).header(), widths[c]));
        }
        header.setHeightInPoints(Styles.rowHeight(headerLines));
        for (CirculationReport.Row row : report.rows()) {
            Row line = sheet.createRow(r++);
            int lines = 1;
            for (int c = 0; c < columns.size(); c++) {
                Object value = columns.get(c).value().apply(row);
                Styles.put(line, c, value, value instanceof Number ? styles.number : styles.plain);
                lines = Math.max(lines, Styles.wrappedLines(value, widths[c]));
            }
            line.setHeightInPoints(Styles.rowHeight(lines));
        }
        sheet.createFreezePane(0, headerRow + 1);
        sheet.setAutoFilter(new CellRangeAddress(headerRow, Math.max(headerRow, r - 1), 0, columns.size() - 1));
        r++;
        r = spanning(sheet, r, report.countLine() + "。", styles.subtitle, 0f, columns.size());
        if (!report.notEvaluated().isEmpty()) {
            Row missingHead = sheet.createRow(r++);
            Styles.put(missingHead, 0, "未考评", styles.header);
            Styles.put(missingHead, 1, "类别", styles.header);
            Styles.put(missingHead, 2, "单位", styles.header);
            for (CirculationReport.Unevaluated u : report.notEvaluated()) {
                Row line = sheet.createRow(r++);
                Styles.put(line, 0, "未考评", styles.plain);
                Styles.put(line, 1, u.categoryName(), styles.plain);
                Styles.put(line, 2, u.unit(), styles.plain);
            }
        }
        r++;
        if (!head.signoff().isEmpty()) {
            r = spanning(sheet, r, String.join("　".repeat(8), head.signoff().stream().map(w -> w + "：").toList())
                    + "　".repeat(8) + head.seal(), styles.subtitle, 30f, columns.size());
        }
        if (!head.issuer().isBlank()) {
            r = spanning(sheet, r, head.issuer(), styles.signature, 0f, columns.size());
        }
        spanning(sheet, r, head.dateText(), styles.signature, 0f, columns.size());
        Styles.printSetup(sheet, headerRow, heading(report.year()));
    }

    private static int spanning(Sheet sheet, int at, String text, org.apache.poi.ss.usermodel.CellStyle style, float height, int columns) {
        Row row = sheet.createRow(at);
        Styles.put(row, 0, text, style);
        if (height > 0) {
            row.setHeightInPoints(height);
        }
        sheet.addMergedRegion(new CellRangeAddress(at, at, 0, columns - 1));
        return at + 1;
    }

    /**
     * The signed checkpoint the report was built on: in the page header (the printed title area)
     * and in full two rows below the table, so the table itself stays where it is.
     */
    private static void checkpoint(Sheet sheet, CirculationReport report) {
        if (report.checkpoint() == null) {
            return;
        }
        sheet.getHeader().setRight(CheckpointText.brief(report.checkpoint()));
        int r = sheet.getLastRowNum() + 2;
        sheet.createRow(r++).createCell(0).setCellValue(CheckpointText.TITLE);
        for (String[] field : CheckpointText.fields(report.checkpoint())) {
            Row line = sheet.createRow(r++);
            line.createCell(0).setCellValue(field[0]);
            line.createCell(1).setCellValue(field[1]);
        }
    }

    /** Each row's record id and rulebook version, with the checkpoint: for whoever checks the printed sheets against the records. */
    private static void annex(Sheet sheet, CirculationReport report, Styles styles) {
        List<String> heads = List.of("类别", "单位", "评估编号", "规则版本");
        int[] widths = {18, 24, 40, 20};
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, Styles.columnWidth(widths[c]));
        }
        int r = 0;
        Row header = sheet.createRow(r++);
        for (int c = 0; c < heads.size(); c++) {
            Styles.put(header, c, heads.get(c), styles.header);
        }
        for (CirculationReport.Row row : report.rows()) {
            Row line = sheet.createRow(r++);
            Styles.put(line, 0, row.categoryName(), styles.plain);
            Styles.put(line, 1, row.unit(), styles.plain);
            Styles.put(line, 2, row.evaluationId(), styles.plain);
            Styles.put(line, 3, row.rulebookVersion(), styles.plain);
        }
        if (report.checkpoint() != null) {
            r++;
            sheet.createRow(r++).createCell(0).setCellValue(CheckpointText.TITLE);
            for (String[] field : CheckpointText.fields(report.checkpoint())) {
                Row line = sheet.createRow(r++);
                line.createCell(0).setCellValue(field[0]);
                line.createCell(1).setCellValue(field[1]);
            }
        }
        Styles.printSetup(sheet, 0, ANNEX_SHEET);
    }

    private static EvaluationResponse matching(CirculationReport.Row row, Map<String, EvaluationResponse> byUnit) {
        EvaluationResponse response = byUnit.get(row.unit());
        if (response == null || !Objects.equals(response.evaluationId(), row.evaluationId())) {
            throw new IllegalArgumentException("no response with evaluation " + row.evaluationId() + " for " + row.unit()
                    + " among the responses given; pass the responses the report was built from");
        }
        return response;
    }

    private static void properties(XSSFWorkbook workbook, CirculationReport report) {
        var core = workbook.getProperties().getCoreProperties();
        core.setTitle(heading(report.year()));
        // The generation time, not the time of writing, so the same report always yields the same metadata.
        core.setCreated(Optional.of(Date.from(report.generatedAt())));
    }
}
