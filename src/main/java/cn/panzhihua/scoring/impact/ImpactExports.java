package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.rulebook.Rulebook;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** An impact as a download, the same from the API and from the console: XLSX or CSV, named 影响分析-year. */
public final class ImpactExports {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv";

    private ImpactExports() {
    }

    /** @param format csv or xlsx */
    public static Response download(ImpactRun run, Rulebook serving, String format) {
        Impact impact = run.whole();
        String name = "影响分析-" + impact.year() + (impact.candidateYear() == impact.year() ? "" : "-" + impact.candidateYear() + "草案")
                + "." + format;
        StreamingOutput body = "csv".equals(format) ? out -> ImpactCsv.write(impact, out) : out -> ImpactXlsx.write(impact, serving, out);
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, "csv".equals(format) ? CSV + ";charset=UTF-8" : XLSX)
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + encoded).build();
    }
}
