package cn.panzhihua.scoring.adoption;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The quarterly 通报 as CSV for Excel: UTF-8 with a byte order mark (Excel on Chinese Windows reads a
 * CSV without one as GBK), CRLF, fields quoted as RFC 4180 says; a unit without a provincial task has
 * its provincial cells empty.
 */
final class QuarterCsv {

    static final List<String> HEADERS = List.of("类别", "排名", "单位", "市级目标", "市级累计", "市级完成率", "市级档次(%)", "市级距下一档",
            "市级进度目标", "省级目标", "省级累计", "省级完成率", "省级档次(%)", "省级距下一档", "省级进度目标", "采用情况得分", "满分", "进度落后");

    private QuarterCsv() {
    }

    static void write(AdoptionViews.QuarterView view, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        line(w, List.of(view.year() + "年第" + view.quarter() + "季度政务信息采用情况通报（截至 " + view.asOf() + "）"));
        line(w, HEADERS);
        for (AdoptionViews.QuarterRow r : view.rows()) {
            List<String> cells = new ArrayList<>(List.of(r.category(), String.valueOf(r.rank()), r.unit()));
            cells.addAll(portion(r.municipal()));
            cells.addAll(portion(r.provincial()));
            cells.add(plain(r.adoptionScore()));
            cells.add(plain(r.adoptionMax()));
            cells.add(r.behindPace() ? "是" : "");
            line(w, cells);
        }
        w.flush();
    }

    private static List<String> portion(AdoptionViews.QuarterPortion p) {
        if (p == null) {
            return List.of("", "", "", "", "", "");
        }
        return List.of(plain(p.target()), plain(p.earned()), plain(p.completion()), String.valueOf(p.tier()),
                p.pointsToNextTier() == null ? "" : plain(p.pointsToNextTier()), plain(p.pace()));
    }

    private static String plain(BigDecimal value) {
        if (value == null) {
            return "";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static void line(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            // a cell Excel would read as a formula is kept as text
            if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?[0-9.]+")) {
                cell = "'" + cell;
            }
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                cell = "\"" + cell.replace("\"", "\"\"") + "\"";
            }
            w.write(cell);
        }
        w.write("\r\n");
    }
}
