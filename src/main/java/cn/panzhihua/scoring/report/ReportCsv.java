package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.report.CirculationReport.Row;
import cn.panzhihua.scoring.report.SummaryColumns.Column;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the 通报 as CSV for Excel. Excel reads a CSV without a byte order mark in the machine's
 * ANSI code page (GBK on Chinese Windows), which garbles UTF-8 Chinese; the BOM makes it read
 * UTF-8. Lines end in CRLF and fields are quoted as RFC 4180 says.
 */
public final class ReportCsv {

    private static final String BOM = "\uFEFF";
    private static final String CRLF = "\r\n";

    private ReportCsv() {
    }

    /** Writes the report; {@code out} is flushed, not closed. */
    public static void write(CirculationReport report, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(BOM);
        writeLine(writer, SummaryColumns.ALL.stream().map(Column::header).toList());
        for (Row row : report.rows()) {
            writeLine(writer, SummaryColumns.ALL.stream().map(c -> text(c.value().apply(row))).toList());
        }
        // Every unit of the year appears: the ones without an annual evaluation of record after the ranked
        // table, then the count line (72 个单位，已考评 71，未考评 1).
        if (!report.notEvaluated().isEmpty()) {
            writer.write(CRLF);
            writeLine(writer, List.of("未考评单位", "类别", "说明"));
            for (CirculationReport.Unevaluated u : report.notEvaluated()) {
                writeLine(writer, List.of(u.unit(), u.categoryName(), "未考评"));
            }
        }
        writer.write(CRLF);
        writeLine(writer, List.of(report.countLine()));
        if (report.checkpoint() != null) {
            // After the table, so the rows above stay one table; field names as in the checkpoint's JSON,
            // so whoever keeps the printout can type it back for POST /api/v1/audit/verify.
            writer.write(CRLF);
            writeLine(writer, List.of(CheckpointText.TITLE));
            for (String[] field : CheckpointText.fields(report.checkpoint())) {
                writeLine(writer, List.of(field[0], field[1]));
            }
        }
        writer.flush();
    }

    /** One CSV line: the fields quoted as RFC 4180 says, CRLF at the end (no fields: an empty line). */
    public static void writeLine(Writer writer, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(quoted(fields.get(i)));
        }
        writer.write(CRLF);
    }

    /** A cell's text: empty for null, plain decimals for numbers. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        // toPlainString: toString may give 1E+1, which Excel would not read back as the same number.
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** RFC 4180: a field with a comma, a quote or a line break is quoted, and its quotes doubled. */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
