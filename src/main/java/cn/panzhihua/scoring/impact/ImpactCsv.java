package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.report.ReportCsv;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an impact as CSV for Excel, as the 通报's CSV is written: UTF-8 with a byte order mark (so
 * Chinese Excel does not read it as GBK) and the 通报's lines ({@link ReportCsv#writeLine}: CRLF,
 * RFC 4180 quoting). The summary, then the units, the clauses and the rejected requests, each a
 * table under its own title line.
 */
final class ImpactCsv {

    private ImpactCsv() {
    }

    static void write(Impact impact, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        ReportCsv.writeLine(writer, List.of("规则修改影响分析"));
        for (String[] l : ImpactColumns.summary(impact)) {
            ReportCsv.writeLine(writer, List.of(l));
        }
        table(writer, "单位变动", ImpactColumns.UNITS, impact.units());
        table(writer, "条款影响", ImpactColumns.CLAUSES, impact.clauses());
        table(writer, "草案不能评分的记录", ImpactColumns.REJECTED, impact.rejectedRequests());
        // The tables below appear only when they have rows: most drafts drop no unit, add none, and pass the gate.
        if (!impact.droppedUnits().isEmpty()) {
            table(writer, "草案删除的单位的记录（未重新评分）", ImpactColumns.DROPPED, impact.droppedUnits());
        }
        if (!impact.newUnits().isEmpty()) {
            table(writer, "草案新增的单位", ImpactColumns.NEW_UNITS, impact.newUnits());
        }
        List<ImpactColumns.GateLine> gate = ImpactColumns.gateLines(impact.gate());
        if (!gate.isEmpty()) {
            table(writer, "规则检查未通过的项目", ImpactColumns.GATE, gate);
        }
        writer.flush();
    }

    private static <T> void table(Writer writer, String title, List<ImpactColumns.Column<T>> columns, List<T> rows) throws IOException {
        ReportCsv.writeLine(writer, List.of());
        ReportCsv.writeLine(writer, List.of(title));
        ReportCsv.writeLine(writer, columns.stream().map(ImpactColumns.Column::header).toList());
        for (T row : rows) {
            ReportCsv.writeLine(writer, columns.stream().map(c -> ReportCsv.text(c.value().apply(row))).toList());
        }
    }
}
