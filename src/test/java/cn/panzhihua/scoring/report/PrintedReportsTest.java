package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The printed documents, rendered as an office would print them: the XLSX through LibreOffice to
 * PDF, the service's own PDFs as they are, then every page to PNG with pdftoppm (kept under
 * target/printed-reports/ for a person to look at). Checked: page counts, A4 landscape, the title
 * block, page numbers, the Chinese text, and that no line of a 考评表 is printed apart from its
 * score or cut short. Needs Debian's libreoffice-calc-nogui and poppler-utils (.ci/run installs
 * them); a developer without them skips, CI fails and says what is missing.
 */
class PrintedReportsTest {

    static final Path OUT = Path.of("target", "printed-reports");
    private static final float A4_LONG = 842f;
    private static final float A4_SHORT = 595f;

    @BeforeAll
    static void clean() throws IOException {
        if (Files.isDirectory(OUT)) {
            try (Stream<Path> files = Files.walk(OUT)) {
                files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(OUT);
    }

    @Test
    void theWorkbookPrintsOnA4LandscapeWithEveryLineBesideItsScore() throws Exception {
        String soffice = tool("soffice", "libreoffice-calc-nogui");
        Path dir = OUT.resolve("xlsx");
        Files.createDirectories(dir);
        Path xlsx = dir.resolve("report.xlsx");
        CirculationReport report = CirculationReport.of(2016, ReportFixture.RESPONSES, ReportFixture.GENERATED, ReportFixture.CATEGORIES);
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            ReportXlsx.write(report, ReportFixture.RESPONSES, ReportFixture.RULEBOOK, ReportFixture.SELF_SCORES, out);
        }
        // the alias the deployment installs (deploy/fonts/simsun.conf): 宋体 prints in a Chinese serif, not a Japanese sans
        Path fontconfig = dir.resolve("fonts.conf");
        Files.writeString(fontconfig, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>"
                + "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include><include>"
                + Path.of("deploy", "fonts", "simsun.conf").toAbsolutePath() + "</include></fontconfig>\n");
        run(dir, java.util.Map.of("FONTCONFIG_FILE", fontconfig.toAbsolutePath().toString()), soffice, "--headless",
                "-env:UserInstallation=file://" + dir.toAbsolutePath().resolve("profile"),
                "--convert-to", "pdf", "--outdir", dir.toString(), xlsx.toString());
        Path pdf = dir.resolve("report.pdf");
        List<String> faces = fonts(pdf);
        assertTrue(faces.stream().anyMatch(f -> f.contains("UMing") || f.contains("NotoSerifCJK")), "宋体 in a Chinese serif: " + faces);
        assertTrue(faces.stream().noneMatch(f -> f.contains("CJKjp")), "no Japanese substitute: " + faces);
        List<String> pages = pages(pdf, true);
        png(dir, pdf);

        // the 通报: ten units fit on its first page, with the title block and the page number
        String first = pages.get(0);
        assertTrue(first.contains("攀枝花市人民政府办公室") && first.contains("2016年度政务（信息）公开、效能建设、政务信息工作考核结果通报")
                && first.contains("攀办函〔2016〕104号") && first.contains("2017年1月15日"), first);
        for (EvaluationResponse r : ReportFixture.RESPONSES) {
            assertTrue(first.contains(r.unit()), r.unit() + " on the 通报's page: " + first);
        }
        assertTrue(first.contains("第 1 页"), "page numbers: " + first);
        // then each unit's 考评表, each table on a page of its own (one, or two for the long disclosure table)
        int tables = 0;
        for (EvaluationResponse r : ReportFixture.RESPONSES) {
            tables += AssessmentSheet.of(r, ReportFixture.RULEBOOK, null).size();
        }
        // the 通报 (one or two pages), each table on one or two, a unit's sign-off at most a page of its own, the annex one
        int units = ReportFixture.RESPONSES.size();
        assertTrue(pages.size() >= 1 + tables + 1 && pages.size() <= 2 + 2 * tables + units + 1,
                pages.size() + " pages for the 通报, " + tables + " tables and the annex");
        assertTrue(pages.stream().filter(p -> p.contains("市财政局　2016年度考评表")).anyMatch(p -> p.contains("第 1 页")),
                "a unit's table is numbered from its own page 1");
        linesBesideTheirScores(pages, ReportFixture.RESPONSES);
    }

    @Test
    void theServicesPdfsAreA4WithTheFontEmbeddedAndNothingCut() throws Exception {
        tool("pdftoppm", "poppler-utils");
        Path dir = OUT.resolve("pdf");
        Files.createDirectories(dir);
        CirculationReport report = CirculationReport.of(2016, ReportFixture.RESPONSES, ReportFixture.GENERATED, ReportFixture.CATEGORIES);
        Path summary = dir.resolve("tongbao.pdf");
        try (OutputStream out = Files.newOutputStream(summary)) {
            ReportPdf.summary(report, ReportFixture.RULEBOOK, out);
        }
        List<String> summaryPages = pages(summary, true);
        assertTrue(summaryPages.size() <= 2, "ten units and the sign-off on at most two pages: " + summaryPages);
        for (EvaluationResponse r : ReportFixture.RESPONSES) {
            assertTrue(summaryPages.get(0).contains(r.unit()), "ten units on the first page: " + r.unit());
        }
        assertTrue(summaryPages.get(0).contains("攀枝花市人民政府办公室") && summaryPages.get(0).contains("第 1 页，共 " + summaryPages.size() + " 页"));
        png(dir, summary);

        EvaluationResponse county = ReportFixture.response("钒钛高新区管委会");
        Path unit = dir.resolve("kaopingbiao.pdf");
        try (OutputStream out = Files.newOutputStream(unit)) {
            ReportPdf.unit(county, ReportFixture.RULEBOOK, Instant.parse("2017-01-15T02:00:00Z"), out);
        }
        List<String> unitPages = pages(unit, true);
        png(dir, unit);
        int tables = AssessmentSheet.of(county, ReportFixture.RULEBOOK, null).size();
        assertTrue(unitPages.size() >= tables && unitPages.size() <= 2 * tables, unitPages.size() + " pages for " + tables + " tables");
        linesBesideTheirScores(unitPages, List.of(county));
        // nothing cut: every 评分标准 is printed whole
        String all = String.join("", unitPages).replaceAll("\\s", "");
        for (AssessmentSheet sheet : AssessmentSheet.of(county, ReportFixture.RULEBOOK, null)) {
            for (AssessmentSheet.Line line : sheet.lines()) {
                assertTrue(all.contains(line.criteria().replaceAll("\\s", "")), "the whole 评分标准 of " + line.code());
            }
        }
        try (PDDocument document = Loader.loadPDF(unit.toFile())) {
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                    assertTrue(font.getName().contains("WenQuanYi") || font.getName().contains("UMing"),
                            "the shipped 黑体-style face or the 宋体-style serif: " + font.getName());
                }
            }
        }
        if (Files.isReadable(PdfFont.SERIF_FILE)) {
            List<String> faces = fonts(unit);
            assertTrue(faces.stream().anyMatch(f -> f.contains("UMing")), "table text in the 宋体-style serif: " + faces);
            assertTrue(faces.stream().anyMatch(f -> f.contains("WenQuanYi")), "titles in the 黑体-style face: " + faces);
        }
    }

    private static final cn.panzhihua.scoring.audit.Checkpoint CHECKPOINT = new cn.panzhihua.scoring.audit.Checkpoint(7, 412,
            "3f9a0c1d2e4b5a6978877665544332211ffeeddccbbaa00998877665544332211", Instant.parse("2017-01-15T01:59:00Z"), "k-2016a",
            "report 2016", "c2lnbmF0dXJl");

    /** Issue 19 §1 and §3: a county's table prints 附件2's words, never 附件1's; the document carries the checkpoint and is signed. */
    @Test
    void aCountysTableQuotes附件2AndCarriesTheCheckpointAndTheSignOff() throws Exception {
        tool("pdftoppm", "poppler-utils");
        Path dir = OUT.resolve("county");
        Files.createDirectories(dir);
        Path pdf = dir.resolve("dongqu.pdf");
        try (OutputStream out = Files.newOutputStream(pdf)) {
            ReportPdf.unit(ReportFixture.response("东区政府"), ReportFixture.RULEBOOK, ReportFixture.GENERATED, CHECKPOINT, out);
        }
        List<String> pages = pages(pdf, true);
        png(dir, pdf);
        String all = flat(pages);
        // 附件2's own lines, as the source words them for counties
        for (String county : List.of("工作网络运行不畅扣5分", "每月报送信息不足8条的，扣2分", "存在重复报送信息的扣3分",
                "紧急重要信息迟报、漏报、瞒报的扣5分", "出现一次未及时完成此项任务的扣5分", "报送虚假信息扣5分", "扣30%分数", "此项分数扣完")) {
            assertTrue(all.contains(county), "附件2 says " + county + ": " + all);
        }
        // and none of 附件1's
        for (String municipal : List.of("工作网络运行不畅不得分", "此项少得2分", "此项少得3分", "得70%分数", "不少于6条", "得3分")) {
            assertFalse(all.contains(municipal), "附件1's " + municipal + " on a county's table");
        }
        assertTrue(all.contains("攀枝花市县（区）政务信息工作考评表") && all.contains("考评分"), all);
        // 东区政府's reasons: E-5 (效能, 备注 column) and I-2.1 (one month of 7 < 8)
        assertTrue(all.contains("扣10分：检查发现"), "the E-5 deduction's reason: " + all);
        assertTrue(all.contains("扣分说明") && all.contains("扣2分"), "the I-2.1 deduction's reason: " + all);
        assertTrue(all.contains("政务（信息）公开考核不适用于县（区）政府"), all);
        String last = flat(pages.subList(pages.size() - 1, pages.size()));
        assertTrue(all.contains("签名检查点：第7号，覆盖考评记录1–412，链头哈希" + CHECKPOINT.headHash() + "，密钥k-2016a"), all);
        assertTrue(last.contains("经办人：") && last.contains("审核人：") && last.contains("签发人：") && last.contains("（印章）"), last);
        assertTrue(last.endsWith("攀枝花市人民政府办公室2017年1月15日") || last.contains("攀枝花市人民政府办公室2017年1月15日第"), "the 落款: " + last);
    }

    /** Issue 19 §1: the 通报 lists every unit of table C, ranked or 未考评, with the count; a progress check is marked as such. */
    @Test
    void the通报ListsTheUnitsNotEvaluatedAndIsSigned() throws Exception {
        tool("pdftoppm", "poppler-utils");
        Path dir = OUT.resolve("tongbao-full");
        Files.createDirectories(dir);
        CirculationReport report = CirculationReport.of(2016, ReportFixture.RESPONSES, ReportFixture.GENERATED, ReportFixture.RULEBOOK)
                .builtOn(CHECKPOINT);
        Path pdf = dir.resolve("tongbao.pdf");
        try (OutputStream out = Files.newOutputStream(pdf)) {
            ReportPdf.summary(report, ReportFixture.RULEBOOK, out);
        }
        List<String> pages = pages(pdf, true);
        png(dir, pdf);
        String all = flat(pages);
        assertTrue(all.contains("共72个单位，已考评10个，未考评62个"), all);
        assertTrue(all.contains("未考评单位（62个）") && all.contains("市侨联") && all.contains("未考评：本年度没有年度考评记录"), all);
        assertTrue(all.contains("政务公开一票否决：D-V4"), "the veto named in the row: " + all);
        assertFalse(all.contains("eval-市财政局"), "no record ids on the printed 通报");
        assertTrue(all.contains("签名检查点：第7号") && all.contains("签发人：") && all.contains("攀枝花市人民政府办公室2017年1月15日"), all);

        Path progress = dir.resolve("progress.pdf");
        try (OutputStream out = Files.newOutputStream(progress)) {
            ReportPdf.unit(ReportFixture.progressCheck(), ReportFixture.RULEBOOK, ReportFixture.GENERATED, null, out);
        }
        String marked = flat(pages(progress, true));
        png(dir, progress);
        assertTrue(marked.contains("米易县政府2016年度进度考评表") && marked.contains("进度考评：政务信息采用情况统计至2016-06-30，不是年度考评结果，不计入年度通报"),
                marked);
    }

    /**
     * Each line of each 考评表 (found by the start of its 评分标准) has its 考评分 on the same page,
     * and the end of its 评分标准 too: the row was not cut at a page break.
     */
    private static void linesBesideTheirScores(List<String> pages, List<EvaluationResponse> responses) {
        List<String> wrong = new ArrayList<>();
        for (EvaluationResponse r : responses) {
            for (AssessmentSheet sheet : AssessmentSheet.of(r, ReportFixture.RULEBOOK, null)) {
                int from = pageOf(pages, r.unit(), sheet.title(), 0);
                if (from < 0) {
                    wrong.add(r.unit() + ": " + sheet.title() + " not printed");
                    continue;
                }
                for (AssessmentSheet.Line line : sheet.lines()) {
                    // a line is found by the start of its own words (the 序号 repeat from table to table)
                    String criteria = line.criteria().replaceAll("\\s", "");
                    String start = criteria.substring(0, Math.min(12, criteria.length()));
                    int at = -1;
                    for (int p = from; p < Math.min(pages.size(), from + 3) && at < 0; p++) {
                        if (pages.get(p).contains(r.unit()) && pages.get(p).replaceAll("\\s", "").contains(start)) {
                            at = p;
                        }
                    }
                    if (at < 0) {
                        wrong.add(r.unit() + " " + line.code() + ": not found after page " + (from + 1));
                        continue;
                    }
                    String page = pages.get(at).replaceAll("\\s", "");
                    String score = ReportPdf.text(line.score());
                    String end = criteria.substring(Math.max(0, criteria.length() - 12));
                    if (!page.contains(end)) {
                        wrong.add(r.unit() + " " + line.code() + ": the end of its 评分标准 is not on page " + (at + 1));
                    }
                    if (!pages.get(at).matches("(?s).*\\b" + java.util.regex.Pattern.quote(score) + "\\b.*")) {
                        wrong.add(r.unit() + " " + line.code() + ": its score " + score + " is not on page " + (at + 1));
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The pages' text without any spacing (line breaks, spaces, the ideographic space), for matching the source's words. */
    private static String flat(List<String> pages) {
        return String.join("", pages).replaceAll("[\\s\u3000]", "");
    }

    private static int pageOf(List<String> pages, String unit, String title, int from) {
        for (int p = from; p < pages.size(); p++) {
            if (pages.get(p).contains(unit) && pages.get(p).contains(title)) {
                return p;
            }
        }
        return -1;
    }

    /** The text of each page; with {@code a4} every page must be A4 landscape. */
    private static List<String> pages(Path pdf, boolean a4) throws IOException {
        List<String> pages = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                if (a4) {
                    var box = document.getPage(p - 1).getMediaBox();
                    assertTrue(Math.abs(box.getWidth() - A4_LONG) < 3 && Math.abs(box.getHeight() - A4_SHORT) < 3,
                            pdf.getFileName() + " page " + p + " is " + box.getWidth() + " × " + box.getHeight() + " pt, not A4 landscape");
                }
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document));
            }
        }
        Files.writeString(pdf.resolveSibling(pdf.getFileName() + ".txt"), String.join("\n\f", pages), StandardCharsets.UTF_8);
        return pages;
    }

    private static void png(Path dir, Path pdf) throws Exception {
        String name = pdf.getFileName().toString().replace(".pdf", "");
        run(dir, "pdftoppm", "-png", "-r", "60", pdf.toString(), dir.resolve(name).toString());
    }

    private static void run(Path dir, String... command) throws Exception {
        run(dir, java.util.Map.of(), command);
    }

    /** The names of the fonts a PDF's pages use. */
    private static List<String> fonts(Path pdf) throws IOException {
        List<String> names = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    names.add(page.getResources().getFont(name).getName());
                }
            }
        }
        return names;
    }

    private static void run(Path dir, java.util.Map<String, String> env, String... command) throws Exception {
        Path log = dir.resolve("command.log");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command[0] + " did not finish in 180 s");
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + Files.readString(log));
    }

    /** The tool's path; a developer without it skips, CI (CI=true) fails and names the Debian package. */
    static String tool(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File file = new File(dir, name);
            if (file.canExecute()) {
                return file.getPath();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(name + " is missing: install Debian's " + debianPackage + " (.ci/run does, after apt-get update)");
        }
        assumeTrue(false, name + " is not installed (Debian package " + debianPackage + "); skipped outside CI");
        return null;
    }
}
