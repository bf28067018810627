package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.rulebook.Rulebook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes an impact as an XLSX workbook to circulate with the draft: 概要 (the run), 单位变动 (each
 * unit before and after, ranks and the clauses that moved it), 条款影响 (per clause) and, when there
 * are any, 不能评分 (the requests the draft rejects). Numbers are numbers; text is set in 宋体; sheets
 * print A4 landscape, one page wide, with the heading row repeated.
 */
final class ImpactXlsx {

    private static final String FONT = "宋体";

    private ImpactXlsx() {
    }

    static void write(Impact impact, Rulebook serving, OutputStream out) throws IOException {
        // Streamed: rows beyond a window of 100 go to a temporary file, so 10,000 units do not sit in the heap.
        SXSSFWorkbook workbook = new SXSSFWorkbook(new XSSFWorkbook(), 100);
        try {
            XSSFFont regular = workbook.getXSSFWorkbook().getFontAt(0);
            regular.setFontName(FONT);
            regular.setFontHeightInPoints((short) 10);
            XSSFFont bold = (XSSFFont) workbook.createFont();
            bold.setFontName(FONT);
            bold.setFontHeightInPoints((short) 10);
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            CellStyle text = workbook.createCellStyle();
            text.setFont(regular);
            text.setWrapText(true);

            Sheet summary = workbook.createSheet("概要");
            Row title = summary.createRow(0);
            cell(title, 0, (serving == null ? "" : serving.title() + " ") + "规则修改影响分析", header);
            int r = 1;
            for (String[] line : ImpactColumns.summary(impact)) {
                Row row = summary.createRow(r++);
                cell(row, 0, line[0], header);
                cell(row, 1, line[1], text);
            }
            summary.setColumnWidth(0, 24 * 256);
            summary.setColumnWidth(1, 60 * 256);
            table(workbook.createSheet("单位变动"), ImpactColumns.UNITS, impact.units(), header, text);
            table(workbook.createSheet("条款影响"), ImpactColumns.CLAUSES, impact.clauses(), header, text);
            if (!impact.rejectedRequests().isEmpty()) {
                table(workbook.createSheet("不能评分"), ImpactColumns.REJECTED, impact.rejectedRequests(), header, text);
            }
            if (!impact.droppedUnits().isEmpty()) {
                table(workbook.createSheet("删除的单位"), ImpactColumns.DROPPED, impact.droppedUnits(), header, text);
            }
            if (!impact.newUnits().isEmpty()) {
                table(workbook.createSheet("新增的单位"), ImpactColumns.NEW_UNITS, impact.newUnits(), header, text);
            }
            List<ImpactColumns.GateLine> gate = ImpactColumns.gateLines(impact.gate());
            if (!gate.isEmpty()) {
                table(workbook.createSheet("规则检查"), ImpactColumns.GATE, gate, header, text);
            }
            for (Sheet sheet : workbook) {
                sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
                sheet.getPrintSetup().setLandscape(true);
                sheet.setFitToPage(true);
                sheet.getPrintSetup().setFitWidth((short) 1);
                sheet.getPrintSetup().setFitHeight((short) 0);
            }
            workbook.getXSSFWorkbook().getProperties().getCoreProperties().setTitle("规则修改影响分析 " + impact.year());
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
        out.flush();
    }

    private static <T> void table(Sheet sheet, List<ImpactColumns.Column<T>> columns, List<T> rows, CellStyle header, CellStyle text) {
        Row head = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            cell(head, c, columns.get(c).header(), header);
            sheet.setColumnWidth(c, Math.min(40, Math.max(8, columns.get(c).header().length() * 2 + 2)) * 256);
        }
        sheet.setRepeatingRows(org.apache.poi.ss.util.CellRangeAddress.valueOf("1:1"));
        sheet.createFreezePane(0, 1);
        int r = 1;
        for (T item : rows) {
            Row row = sheet.createRow(r++);
            int longest = 1;
            for (int c = 0; c < columns.size(); c++) {
                Object value = columns.get(c).value().apply(item);
                cell(row, c, value, text);
                if (value instanceof String s) {
                    longest = Math.max(longest, (int) Math.ceil(s.length() * 2.0 / 40));
                }
            }
            // Wrapped text needs its height set: neither Excel nor LibreOffice grows a row written by POI.
            row.setHeightInPoints(14.5f * Math.min(longest, 10));
        }
    }

    private static void cell(Row row, int column, Object value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (value instanceof BigDecimal d) {
            cell.setCellValue(d.doubleValue());
        } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (value != null) {
            cell.setCellValue(value.toString());
        }
    }
}
