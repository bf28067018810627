package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.audit.Checkpoint;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.rulebook.TableLayout;
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

    /** The 通报: every unit's scores and contributions, ranked within its category; the units not evaluated listed; signed off. */
    public static void summary(CirculationReport report, Rulebook rulebook, OutputStream out) throws IOException {
        TitleBlock head = TitleBlock.of(rulebook, report.year(), report.generatedAt());
        Xhtml html = new Xhtml(head.issuer() + " " + report.year() + "年度考核通报");
        titleBlock(html, head, ReportXlsx.heading(report.year()));
        html.element("p", report.countLine() + "。", "class", "count");
        List<SummaryColumns.Column> columns = SummaryColumns.PRINTED;
        html.open("table", "class", "summary");
        html.open("colgroup");
        for (SummaryColumns.Column c : columns) {
            html.empty("col", "style", "width:" + summaryWidth(c.header()));
        }
        html.close("colgroup");
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
        if (!report.notEvaluated().isEmpty()) {
            html.element("h2", "未考评单位（" + report.notEvaluated().size() + " 个）");
            html.open("table", "class", "missing");
            html.open("thead").open("tr");
            html.element("th", "类别").element("th", "单位").element("th", "说明");
            html.close("tr").close("thead").open("tbody");
            for (CirculationReport.Unevaluated u : report.notEvaluated()) {
                html.open("tr").element("td", u.categoryName()).element("td", u.unit()).element("td", "未考评：本年度没有年度考评记录").close("tr");
            }
            html.close("tbody").close("table");
        }
        html.element("p", "注：各类别内按合计折算从高到低排名；不同类别的政务信息折算标准不同，不相互比较。空格表示该项考核不适用于该单位。"
                + "进度考评不计入本通报。规则版本：" + versions(report), "class", "note");
        signOff(html, head, report.checkpoint());
        render(html, out, ReportXlsx.heading(report.year()));
    }

    /** One unit's 考评表, one table per assessment that applies, as its record holds them. */
    public static void unit(EvaluationResponse response, Rulebook rulebook, Instant generatedAt, OutputStream out) throws IOException {
        unit(response, rulebook, generatedAt, null, out);
    }

    /**
     * One unit's 考评表: per assessment that applies, the unit's own table with the source's columns,
     * headings, 序号 and words, its scores, why each deduction was made, a veto named at the top; the
     * checkpoint that covers the record, the 落款 and the blocks an office signs.
     *
     * @param checkpoint a signed checkpoint covering the record; null when none is at hand
     */
    public static void unit(EvaluationResponse response, Rulebook rulebook, Instant generatedAt, Checkpoint checkpoint,
                            OutputStream out) throws IOException {
        TitleBlock head = TitleBlock.of(rulebook, response.year(), generatedAt);
        Xhtml html = new Xhtml(response.unit() + " " + response.year() + "年度考评表");
        boolean progress = CirculationReport.progress(response);
        String heading = response.unit() + "　" + response.year() + (progress ? "年度进度考评表" : "年度考评表");
        titleBlock(html, head, heading);
        html.element("p", "单位类别：" + SummaryColumns.categoryLabel(rulebook, response.category()) + "　合计折算（计入目标考核总分）："
                + text(response.totalContribution()) + " 分", "class", "facts");
        if (progress) {
            html.element("p", "进度考评：政务信息采用情况统计至 " + response.information().adoption().asOf()
                    + "，不是年度考评结果，不计入年度通报。", "class", "banner");
        }
        List<AssessmentSheet> sheets = AssessmentSheet.of(response, rulebook, null);
        for (AssessmentSheet sheet : sheets) {
            for (String veto : sheet.vetoReasons()) {
                html.element("p", "一票否决（" + SummaryColumns.assessmentLabel(sheet.assessment()) + "）：" + veto, "class", "banner");
            }
        }
        if (rulebook != null && sheets.stream().noneMatch(s -> s.assessment() == Assessment.DISCLOSURE)
                && response.disclosure() != null && !response.disclosure().applicable()) {
            html.element("p", "政务（信息）公开考核不适用于" + SummaryColumns.categoryLabel(rulebook, response.category()) + "。", "class", "facts");
        }
        for (AssessmentSheet sheet : sheets) {
            table(html, sheet);
        }
        html.element("p", "考评分由规则逐条计算，每一项扣分、封顶、档次与折算的条款原文和证据见考评记录 " + response.evaluationId()
                + "（规则版本 " + response.rulebookVersion() + "）。", "class", "note");
        signOff(html, head, checkpoint);
        render(html, out, heading);
    }

    private static void table(Xhtml html, AssessmentSheet sheet) {
        html.open("div", "class", "sheet");
        html.element("h2", sheet.title());
        List<TableLayout.Column> columns = sheet.columns();
        boolean remarkColumn = columns.stream().anyMatch(c -> c.role() == TableLayout.Role.REMARK);
        html.open("table", "class", "kpb");
        html.open("colgroup");
        for (TableLayout.Column c : columns) {
            html.empty("col", "style", "width:" + width(c.role(), columns));
        }
        html.close("colgroup");
        html.open("thead").open("tr");
        columns.forEach(c -> html.element("th", c.heading()));
        html.close("tr").close("thead").open("tbody");
        for (AssessmentSheet.Line line : sheet.lines()) {
            html.open("tr");
            for (TableLayout.Column c : columns) {
                boolean merged = c.role() == TableLayout.Role.NUMBER || c.role() == TableLayout.Role.NAME;
                if (merged && line.span() == 0) {
                    continue; // covered by the cell of the line above, as the source merges the rows of one 序号
                }
                Object value = line.cell(c.role());
                html.element("td", text(value), "class", cellClass(c.role()), "rowspan", merged && line.span() > 1 ? String.valueOf(line.span()) : null);
            }
            html.close("tr");
        }
        int before = columns.stream().map(TableLayout.Column::role).toList().indexOf(TableLayout.Role.MAX);
        html.open("tr", "class", "sum");
        html.element("td", "合计", "colspan", String.valueOf(Math.max(1, before)), "class", "c");
        for (int i = Math.max(1, before); i < columns.size(); i++) {
            TableLayout.Role role = columns.get(i).role();
            Object value = switch (role) {
                case MAX -> sheet.max();
                case SELF -> sheet.selfTotal();
                case SCORE -> sheet.score();
                default -> null;
            };
            html.element("td", text(value), "class", value == null ? "" : "num");
        }
        html.close("tr");
        html.open("tr", "class", "sum");
        int scoreAt = columns.stream().map(TableLayout.Column::role).toList().indexOf(TableLayout.Role.SCORE);
        html.element("td", "折算（计入目标考核总分）" + (sheet.vetoed() ? "：一票否决" : ""), "colspan", String.valueOf(Math.max(1, scoreAt)));
        html.element("td", text(sheet.contribution()), "class", "num");
        for (int i = scoreAt + 1; i < columns.size(); i++) {
            html.element("td", "");
        }
        html.close("tr");
        html.close("tbody").close("table");
        if (!remarkColumn) {
            List<String> reasons = sheet.lines().stream().flatMap(l -> l.reasons().stream().map(r -> l.number() + " " + l.name()
                    + (sheet.lines().stream().filter(o -> o.number().equals(l.number())).count() > 1 ? "（" + l.code() + "）" : "") + "：" + r)).toList();
            if (!reasons.isEmpty()) {
                html.element("p", "扣分说明", "class", "reasons-head");
                html.open("ol", "class", "reasons");
                reasons.forEach(r -> html.element("li", r));
                html.close("ol");
            }
        }
        html.close("div");
    }

    /** The 通报's columns: names wide enough for a unit on one or two lines, the veto's 情形 the rest. */
    private static String summaryWidth(String header) {
        return switch (header) {
            case "类别" -> "8%";
            case "类别内排名" -> "4%";
            case "单位" -> "12%";
            case "合计折算" -> "6%";
            case "一票否决情形" -> "22%";
            default -> header.endsWith("一票否决") ? "4%" : "5%";
        };
    }

    private static String width(TableLayout.Role role, List<TableLayout.Column> columns) {
        boolean content = columns.stream().anyMatch(c -> c.role() == TableLayout.Role.CONTENT);
        boolean remark = columns.stream().anyMatch(c -> c.role() == TableLayout.Role.REMARK);
        return switch (role) {
            case NUMBER -> "5%";
            case NAME -> "10%";
            case MAX -> "5%";
            case CONTENT -> remark ? "25%" : "15%";
            case CRITERIA -> (100 - 5 - 10 - 5 - 6 - 6 - (content ? (remark ? 25 : 15) : 0) - (remark ? 12 : 0)) + "%";
            case SELF, SCORE -> "6%";
            case REMARK -> "12%";
        };
    }

    private static String cellClass(TableLayout.Role role) {
        return switch (role) {
            case NUMBER -> "c";
            case MAX, SELF -> "num";
            case SCORE -> "num b";
            case CONTENT, CRITERIA, REMARK -> "std";
            case NAME -> "";
        };
    }

    /** The checkpoint line, the 落款 (issuer and date, from the rulebook and the report) and the blocks an office signs. */
    private static void signOff(Xhtml html, TitleBlock head, Checkpoint checkpoint) {
        if (checkpoint != null) {
            html.element("p", CheckpointText.line(checkpoint), "class", "checkpoint");
        }
        html.open("div", "class", "signoff");
        if (!head.signoff().isEmpty() || !head.seal().isBlank()) {
            html.open("table", "class", "sign");
            html.open("tr");
            for (String who : head.signoff()) {
                html.element("td", who + "：");
            }
            if (!head.seal().isBlank()) {
                html.element("td", head.seal(), "class", "seal");
            }
            html.close("tr");
            html.close("table");
        }
        if (!head.issuer().isBlank()) {
            html.element("p", head.issuer(), "class", "luokuan");
        }
        html.element("p", head.dateText(), "class", "luokuan");
        html.close("div");
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
            // table text in the 宋体-style serif where it is installed; titles and heads stay in the 黑体-style face
            java.util.Optional<PDType0Font> serif = PdfFont.serif(document);
            if (serif.isPresent()) {
                builder.useFont(new PDFontSupplier(serif.get()), PdfFont.SERIF_FAMILY, 400, FontStyle.NORMAL, true);
                builder.useFont(new PDFontSupplier(serif.get()), PdfFont.SERIF_FAMILY, 700, FontStyle.NORMAL, true);
            }
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
            body { font-family: 'AR PL UMing CN', 'WenQuanYi Micro Hei'; font-size: 10pt; line-height: 1.45; color: #000; }
            h1, h2, .issuer, th, .banner, .reasons-head { font-family: 'WenQuanYi Micro Hei'; }
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
            table.summary { font-size: 9pt; table-layout: fixed; }
            table.summary th { font-size: 8.5pt; }
            table.kpb { table-layout: fixed; }
            tr.sum td { font-weight: bold; }
            .sheet { page-break-inside: auto; }
            .count { font-size: 11pt; margin: 1mm 0 2mm 0; }
            .banner { border: 1pt solid #000; padding: 1.5mm 2mm; margin: 2mm 0; font-weight: bold; }
            .checkpoint { font-size: 8.5pt; margin-top: 3mm; word-wrap: break-word; }
            .reasons-head { font-weight: bold; margin: 2mm 0 0 0; }
            ol.reasons { margin: 1mm 0 0 0; padding-left: 6mm; }
            table.missing { width: 60%; margin-top: 2mm; }
            .signoff { margin-top: 6mm; page-break-inside: avoid; }
            table.sign td { border: none; width: 22%; padding: 2mm 0 8mm 0; }
            table.sign td.seal { border: 0.6pt dashed #000; text-align: center; vertical-align: middle; height: 22mm; width: 30mm; }
            .luokuan { text-align: right; margin: 1mm 10mm 0 0; }
            .sheet + .sheet { page-break-before: always; }
            """;
}
