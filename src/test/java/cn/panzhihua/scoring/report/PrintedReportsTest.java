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
        run(dir, soffice, "--headless", "-env:UserInstallation=file://" + dir.toAbsolutePath().resolve("profile"),
                "--convert-to", "pdf", "--outdir", dir.toString(), xlsx.toString());
        Path pdf = dir.resolve("report.pdf");
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
        assertTrue(pages.size() >= 1 + tables && pages.size() <= 1 + 2 * tables,
                pages.size() + " pages for the 通报 and " + tables + " tables");
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
        assertEquals(1, summaryPages.size(), "ten units on one page: " + summaryPages);
        assertTrue(summaryPages.get(0).contains("攀枝花市人民政府办公室") && summaryPages.get(0).contains("第 1 页，共 1 页"));
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
                    assertTrue(font.getName().contains("WenQuanYi"), "only the shipped font: " + font.getName());
                }
            }
        }
    }

    /**
     * Each line of each 考评表 (its code at the start of a printed line) has its 考核分 on the same page,
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
                    int at = -1;
                    for (int p = from; p < Math.min(pages.size(), from + 3) && at < 0; p++) {
                        if (pages.get(p).contains(r.unit()) && pages.get(p).matches("(?s).*(^|\\n)\\s*" + java.util.regex.Pattern.quote(line.code()) + "\\s.*")) {
                            at = p;
                        }
                    }
                    if (at < 0) {
                        wrong.add(r.unit() + " " + line.code() + ": not found after page " + (from + 1));
                        continue;
                    }
                    String page = pages.get(at).replaceAll("\\s", "");
                    String score = ReportPdf.text(line.score());
                    String criteria = line.criteria().replaceAll("\\s", "");
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
        Path log = dir.resolve("command.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
