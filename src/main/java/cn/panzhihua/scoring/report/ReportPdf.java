package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.report.CirculationReport.Row;
import cn.panzhihua.scoring.rulebook.Rulebook;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The 通报 and one unit's 考评表 as A4 PDFs, drawn from XHTML by openhtmltopdf with the embedded
 * CJK font ({@link PdfFont}). Landscape, a title block like the office's, table heads repeated on
 * every page, no line of a table split over two pages, page numbers at the foot.
 */
public final class ReportPdf {

    private ReportPdf() {
    }

    /** The 通报: every unit's scores and contributions, ranked within its category. */
    public static void summary(CirculationReport report, Rulebook rulebook, OutputStream out) throws IOException {
        TitleBlock head = TitleBlock.of(rulebook, report.year(), report.generatedAt());
        Xhtml html = new Xhtml(head.issuer() + " " + report.year() + "年度考核通报");
        titleBlock(html, head, ReportXlsx.heading(report.year()));
        List<SummaryColumns.Column> columns = SummaryColumns.ALL.stream()
                .filter(c -> !c.header().equals("评估编号") && !c.header().equals("规则版本")).toList();
        html.open("table", "class", "summary");
        html.open("thead").open("tr");
        for (SummaryColumns.Column c : columns) {
            html.element("th", c.header());
        }
        html.close("tr").close("thead").open("tbody");
        for (Row row : report.rows()) {
            html.open("tr");
            for (SummaryColumns.Column c : columns) {
                Object value = c.value().apply(row);
                html.element("td", text(value), "class", value instanceof BigDecimal || value instanceof Integer ? "num" : "");
            }
            html.close("tr");
        }
        html.close("tbody").close("table");
        html.element("p", "注：各类别内按合计折算从高到低排名；不同类别的政务信息折算标准不同，不相互比较。空格表示该项考核不适用于该单位。"
                + "规则版本：" + versions(report), "class", "note");
        render(html, out, ReportXlsx.heading(report.year()));
    }

    /** One unit's 考评表, one table per assessment that applies, as its record holds them. */
    public static void unit(EvaluationResponse response, Rulebook rulebook, Instant generatedAt, OutputStream out) throws IOException {
        TitleBlock head = TitleBlock.of(rulebook, response.year(), generatedAt);
        Xhtml html = new Xhtml(response.unit() + " " + response.year() + "年度考评表");
        titleBlock(html, head, response.unit() + "　" + response.year() + "年度考评表");
        html.element("p", "单位类别：" + SummaryColumns.categoryLabel(rulebook, response.category()) + "　合计折算（计入目标考核总分）："
                + text(response.totalContribution()) + " 分　评估编号：" + response.evaluationId() + "　规则版本：" + response.rulebookVersion(),
                "class", "facts");
        for (AssessmentSheet sheet : AssessmentSheet.of(response, rulebook, null)) {
            html.open("div", "class", "sheet");
            html.element("h2", sheet.title());
            html.open("table", "class", "kpb");
            html.open("colgroup");
            for (String width : List.of("7%", "15%", "6%", "58%", "7%", "7%")) {
                html.empty("col", "style", "width:" + width);
            }
            html.close("colgroup");
            html.open("thead").open("tr");
            sheet.headings().forEach(h -> html.element("th", h));
            html.close("tr").close("thead").open("tbody");
            for (AssessmentSheet.Line line : sheet.lines()) {
                html.open("tr");
                html.element("td", line.code(), "class", "c");
                html.element("td", line.name());
                html.element("td", text(line.max()), "class", "num");
                html.element("td", line.criteria(), "class", "std");
                html.element("td", text(line.selfScore()), "class", "num");
                html.element("td", text(line.score()), "class", "num b");
                html.close("tr");
            }
            html.open("tr", "class", "sum");
            html.element("td", "合计", "colspan", "2");
            html.element("td", text(sheet.max()), "class", "num");
            html.element("td", "");
            html.element("td", "");
            html.element("td", text(sheet.score()), "class", "num b");
            html.close("tr");
            html.open("tr", "class", "sum");
            html.element("td", "折算（计入目标考核总分）", "colspan", "3");
            html.element("td", sheet.vetoed() ? "一票否决" : "");
            html.element("td", "");
            html.element("td", text(sheet.contribution()), "class", "num b");
            html.close("tr");
            html.close("tbody").close("table").close("div");
        }
        html.element("p", "考核分由规则逐条计算，每一项扣分、封顶、档次与折算的条款原文和证据见考评记录 " + response.evaluationId() + "。",
                "class", "note");
        render(html, out, response.unit() + "　" + response.year() + "年度考评表");
    }

    private static void titleBlock(Xhtml html, TitleBlock head, String heading) {
        html.open("div", "class", "title-block");
        if (!head.issuer().isBlank()) {
            html.element("p", head.issuer(), "class", "issuer");
        }
        html.element("h1", heading);
        html.element("p", "依据：" + head.basis() + "　考核年度：" + head.year() + "年　报告日期：" + head.dateText(), "class", "basis");
        html.close("div");
    }

    private static String versions(CirculationReport report) {
        return String.join("、", report.rows().stream().map(Row::rulebookVersion).distinct().sorted().toList());
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
    }

    /** {@code running}: the line at the head of every page, so a loose page still says what it belongs to. */
    private static void render(Xhtml html, OutputStream out, String running) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType0Font font = PdfFont.load(document);
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.usePDDocument(document);
            // One face serves both weights: the collection has no bold, and a missing weight would fall back to a font without CJK glyphs.
            builder.useFont(new PDFontSupplier(font), PdfFont.FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(new PDFontSupplier(font), PdfFont.FAMILY, 700, FontStyle.NORMAL, true);
            String head = "@page { @top-center { content: \"" + running.replace("\\", "").replace("\"", "") + "\"; "
                    + "font-family: 'WenQuanYi Micro Hei'; font-size: 9pt; } }\n";
            builder.withHtmlContent(html.document(STYLE + head), null);
            builder.withProducer("rubric-evaluation");
            builder.toStream(out);
            builder.run();
        }
        out.flush();
    }

    /** A4 landscape, the font embedded, heads repeated, rows never split, numbered pages. */
    private static final String STYLE = """
            @page { size: A4 landscape; margin: 14mm 12mm 16mm 12mm;
              @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-family: 'WenQuanYi Micro Hei'; font-size: 9pt; } }
            body { font-family: 'WenQuanYi Micro Hei'; font-size: 10pt; line-height: 1.45; color: #000; }
            .title-block { text-align: center; margin-bottom: 4mm; }
            .issuer { font-size: 13pt; margin: 0 0 2mm 0; }
            h1 { font-size: 17pt; margin: 0 0 2mm 0; }
            h2 { font-size: 13pt; text-align: center; margin: 4mm 0 2mm 0; page-break-after: avoid; }
            .basis, .facts, .note { font-size: 9.5pt; margin: 1mm 0; }
            .note { margin-top: 3mm; }
            table { width: 100%; border-collapse: collapse; -fs-table-paginate: paginate; }
            thead { display: table-header-group; }
            tr { page-break-inside: avoid; }
            th, td { border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: top; word-wrap: break-word; }
            th { background: #eeeeee; text-align: center; vertical-align: middle; }
            td.num { text-align: right; white-space: nowrap; }
            td.c { text-align: center; }
            td.b { font-weight: bold; }
            td.std { white-space: pre-wrap; }
            table.summary { font-size: 9pt; table-layout: auto; }
            table.summary th { font-size: 8.5pt; }
            table.kpb { table-layout: fixed; }
            tr.sum td { font-weight: bold; }
            .sheet { page-break-inside: auto; }
            .sheet + .sheet { page-break-before: always; }
            """;
}
