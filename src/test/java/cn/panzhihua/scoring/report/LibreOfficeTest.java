package cn.panzhihua.scoring.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The workbook opens in LibreOffice: it converts to PDF, and its 通报 sheet converts to CSV with the
 * Chinese text intact. Needs LibreOffice (.ci/run installs Debian's libreoffice-calc-nogui); skipped
 * where there is none.
 */
class LibreOfficeTest {

    @Test
    void theWorkbookOpensInLibreOffice(@TempDir Path dir) throws Exception {
        String soffice = findOnPath("soffice");
        assumeTrue(soffice != null, "LibreOffice (soffice) is not installed");
        Path xlsx = dir.resolve("report.xlsx");
        try (var out = Files.newOutputStream(xlsx)) {
            ReportXlsx.write(CirculationReport.of(2016, ReportFixture.RESPONSES, ReportFixture.GENERATED, ReportFixture.CATEGORIES), ReportFixture.RESPONSES,
                    ReportFixture.RULEBOOK, ReportFixture.SELF_SCORES, out);
        }
        convert(soffice, dir, xlsx, "pdf");
        assertTrue(Files.size(dir.resolve("report.pdf")) > 1000, "LibreOffice wrote a PDF");
        // CSV filter options: comma, double quote, UTF-8 (76), so the text is read back as written
        convert(soffice, dir, xlsx, "csv:Text - txt - csv (StarCalc):44,34,76");
        String csv = Files.readString(dir.resolve("report.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains("市财政局") && csv.contains("东区政府"), "the 通报 sheet keeps its Chinese text: " + csv);
    }

    private static void convert(String soffice, Path dir, Path file, String format) throws Exception {
        Process process = new ProcessBuilder(soffice, "--headless", "-env:UserInstallation=file://" + dir.resolve("profile"),
                "--convert-to", format, "--outdir", dir.toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("convert.log").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "LibreOffice did not finish converting to " + format);
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("convert.log")));
    }

    private static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File file = new File(dir, name);
            if (file.canExecute()) {
                return file.getPath();
            }
        }
        return null;
    }
}
