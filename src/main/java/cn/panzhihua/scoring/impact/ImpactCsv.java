package cn.panzhihua.scoring.impact;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an impact as CSV for Excel, as the 通报's CSV is written: UTF-8 with a byte order mark (so
 * Chinese Excel does not read it as GBK), CRLF, RFC 4180 quoting. The summary, then the units, the
 * clauses and the rejected requests, each a table under its own title line.
 */
final class ImpactCsv {

    private static final String CRLF = "\r\n";

    private ImpactCsv() {
    }

    static void write(Impact impact, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        line(writer, List.of("规则修改影响分析"));
        for (String[] l : ImpactColumns.summary(impact)) {
            line(writer, List.of(l));
        }
        table(writer, "单位变动", ImpactColumns.UNITS, impact.units());
        table(writer, "条款影响", ImpactColumns.CLAUSES, impact.clauses());
        table(writer, "草案不能评分的记录", ImpactColumns.REJECTED, impact.rejectedRequests());
        writer.flush();
    }

    private static <T> void table(Writer writer, String title, List<ImpactColumns.Column<T>> columns, List<T> rows) throws IOException {
        writer.write(CRLF);
        line(writer, List.of(title));
        line(writer, columns.stream().map(ImpactColumns.Column::header).toList());
        for (T row : rows) {
            line(writer, columns.stream().map(c -> text(c.value().apply(row))).toList());
        }
    }

    private static void line(Writer writer, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(quoted(fields.get(i)));
        }
        writer.write(CRLF);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
