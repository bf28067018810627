package cn.panzhihua.scoring.report;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static cn.panzhihua.scoring.report.ReportFixture.GENERATED;
import static cn.panzhihua.scoring.report.ReportFixture.RESPONSES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes the workbook and reads it back with POI, as Excel would see it. */
class ReportXlsxTest {

    private static XSSFWorkbook workbook;

    @BeforeAll
    static void write() throws IOException {
        CirculationReport report = CirculationReport.of(2016, RESPONSES, GENERATED, ReportFixture.CATEGORIES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportXlsx.write(report, RESPONSES, ReportFixture.RULEBOOK, ReportFixture.SELF_SCORES, out);
        workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    @AfterAll
    static void close() throws IOException {
        workbook.close();
    }

    @Test
    void theSummaryComesFirstThenOneSheetPerUnitInReportOrderThenTheAnnex() {
        List<String> names = new ArrayList<>();
        workbook.forEach(s -> names.add(s.getSheetName()));
        assertEquals(List.of("通报", "西区政府", "东区政府", "市司法局", "市财政局", "市公安局", "市国资委", "钒钛高新区管委会",
                "市妇联", "市总工会", "市政府驻北京联络处", ReportXlsx.ANNEX_SHEET), names);
        assertEquals(GENERATED.toEpochMilli(),
                workbook.getProperties().getCoreProperties().getCreated().getTime());
    }

    @Test
    void summaryHasThePrintedColumnsWithNumbersAsNumbersAndTheAnnexKeepsTheIds() {
        Sheet summary = workbook.getSheet("通报");
        assertEquals("攀枝花市人民政府办公室", summary.getRow(0).getCell(0).getStringCellValue(), "the title block");
        assertEquals("2016年度政务（信息）公开、效能建设、政务信息工作考核结果通报", summary.getRow(1).getCell(0).getStringCellValue());
        assertTrue(summary.getRow(2).getCell(0).getStringCellValue().contains("攀办函〔2016〕104号")
                && summary.getRow(2).getCell(0).getStringCellValue().contains("2017年1月15日"));
        int top = rowWith(summary, "类别");
        assertEquals(3, top);
        Row header = summary.getRow(top);
        assertEquals(SummaryColumns.PRINTED.size(), header.getLastCellNum());
        assertEquals("类别", header.getCell(0).getStringCellValue());
        assertEquals("合计折算", header.getCell(11).getStringCellValue());
        assertEquals("一票否决情形", header.getCell(12).getStringCellValue());
        assertFalse(texts(header).contains("评估编号"), "no record ids on a printed sheet");
        assertFalse(texts(header).contains("规则版本"), "no versions on a printed sheet");
        assertTrue(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold(), "header is bold");
        PaneInformation pane = summary.getPaneInformation();
        assertNotNull(pane, "frozen header");
        assertTrue(pane.isFreezePane());
        assertEquals(top + 1, pane.getHorizontalSplitPosition());
        assertTrue(summary.getColumnWidth(2) > summary.getColumnWidth(1) / 2, "unit column has a width");

        Row finance = summary.getRow(top + 4);
        assertEquals("市级部门", finance.getCell(0).getStringCellValue());
        assertNumber("2", finance.getCell(1));
        assertEquals("市财政局", finance.getCell(2).getStringCellValue());
        assertNumber("97.5", finance.getCell(3));
        assertNumber("-0.05", finance.getCell(4));
        assertEquals("否", finance.getCell(5).getStringCellValue());
        assertNumber("2.75", finance.getCell(11));

        Row union = summary.getRow(top + 9);
        assertEquals("市总工会", union.getCell(2).getStringCellValue());
        assertBlank(union.getCell(3));
        assertBlank(union.getCell(6));
        assertNumber("95", union.getCell(8));
        assertEquals("是", union.getCell(10).getStringCellValue());
        // the veto is named in the row: the clause's words, not only 是
        assertTrue(union.getCell(12).getStringCellValue().startsWith("政务信息一票否决：I-V "), union.getCell(12).getStringCellValue());

        Sheet annex = workbook.getSheet(ReportXlsx.ANNEX_SHEET);
        assertEquals(List.of("类别", "单位", "评估编号", "规则版本"), texts(annex.getRow(0)));
        Row first = annex.getRow(1);
        assertEquals("西区政府", first.getCell(1).getStringCellValue());
        assertEquals("eval-西区政府", first.getCell(2).getStringCellValue());
        assertEquals(ReportFixture.RULEBOOK.version(), first.getCell(3).getStringCellValue());
    }

    @Test
    void aUnitSheetMirrorsTheDisclosureTableAsTheSourceLaysItOut() {
        Sheet sheet = workbook.getSheet("市财政局");
        int title = rowWith(sheet, "政务（信息）公开工作考评表");
        Row header = sheet.getRow(title + 1);
        // the source's own columns and headings for this table: 考核内容, and 考核分 (the 附件 tables say 考评分)
        assertEquals(List.of("序号", "考核内容", "分值", "评分标准", "自评分", "考核分"), texts(header));

        Row d1 = sheet.getRow(title + 2);
        assertEquals("1", d1.getCell(0).getStringCellValue(), "序号 as the source numbers it, not the code");
        assertEquals("组织保障", d1.getCell(1).getStringCellValue());
        assertNumber("10", d1.getCell(2));
        String standard = d1.getCell(3).getStringCellValue();
        assertEquals(4, standard.split("\n").length, "the four lines of 序号1: " + standard);
        assertTrue(standard.startsWith("1.主要负责同志年度内没有听取"), "the source's numbering 1. 2.: " + standard);
        assertTrue(standard.contains("没有必要的办公条件、设备设施和专项工作经费保障"), standard);
        assertTrue(d1.getCell(3).getCellStyle().getWrapText(), "评分标准 wraps");
        assertNumber("8", d1.getCell(5));
        assertNumber("7.5", d1.getCell(6));

        Row d3 = sheet.getRow(title + 4);
        assertEquals("3", d3.getCell(0).getStringCellValue());
        String keyWork = d3.getCell(3).getStringCellValue();
        assertTrue(keyWork.contains("①决策公开") && keyWork.contains("⑤结果公开"), keyWork);
        assertEquals(1, keyWork.split("五公开", -1).length - 1, "the 五公开 heading once, as the source has it: " + keyWork);

        Row total = sheet.getRow(title + 6);
        assertEquals("合计", total.getCell(0).getStringCellValue());
        assertNumber("100", total.getCell(2));
        assertNumber("97.5", total.getCell(6));
        Row converted = sheet.getRow(title + 7);
        assertEquals("折算", converted.getCell(0).getStringCellValue());
        assertNumber("-0.05", converted.getCell(6));
        assertBlank(converted.getCell(3));
        // the deduction's reason under the table: points and the finding's note
        int reasons = rowWith(sheet, "扣分说明");
        assertTrue(reasons > title, "a 扣分说明 block");
        assertTrue(sheet.getRow(reasons + 1).getCell(0).getStringCellValue().startsWith("1 组织保障（D-1）：扣 2.5 分"),
                sheet.getRow(reasons + 1).getCell(0).getStringCellValue());
    }

    @Test
    void theEfficiencyTableKeepsItsEightColumnsAndPutsReasonsIn备注() {
        Sheet sheet = workbook.getSheet("市财政局");
        int title = rowWith(sheet, "效能建设工作考评表");
        assertEquals(List.of("序号", "考核指标", "分值", "考核内容", "评分标准", "自评分", "考评分", "备注"), texts(sheet.getRow(title + 1)));
        Row e1 = sheet.getRow(title + 2);
        assertTrue(e1.getCell(3).getStringCellValue().startsWith("制度建设。建立深入推进机关效能建设的具体制度"));
        assertEquals("少一项制度扣5分。", e1.getCell(4).getStringCellValue());
        assertNumber("10", e1.getCell(6));
        // 市财政局's E-1 finding counts 2: 2 × 5
        assertTrue(e1.getCell(7).getStringCellValue().startsWith("扣 10 分"), e1.getCell(7).getStringCellValue());
    }

    @Test
    void theAdoptionItemQuotesTheTableNotTheChannelPoints() {
        Sheet sheet = workbook.getSheet("市财政局");
        int title = rowWith(sheet, "攀枝花市市级政务信息工作考评表");
        assertTrue(title > 0);
        assertEquals(List.of("序号", "考核指标", "分值", "考核内容", "评分标准", "自评分", "考评分"), texts(sheet.getRow(title + 1)));
        Row i3 = sheet.getRow(rowAfter(sheet, title, "3"));
        String standard = i3.getCell(4).getStringCellValue();
        assertTrue(standard.contains("(1)完成目标分值 70% 以上(含 70%)，不足 100%，得 70% 分数"), standard);
        assertTrue(standard.contains("(4)完成目标分值 30% (不含 30%) 以下，此项不得分"), standard);
        assertFalse(standard.contains("《攀政快讯》"), "channel points belong to 计分标准, not the table: " + standard);
        assertNumber("80", i3.getCell(2));
        assertNumber("79.5", i3.getCell(5));
        assertNumber("80", i3.getCell(6));
    }

    @Test
    void aCountySheetQuotes附件2AndHasNoDisclosure() {
        Sheet sheet = workbook.getSheet("东区政府");
        assertEquals(-1, rowWith(sheet, "政务（信息）公开工作考评表"));
        assertTrue(rowWith(sheet, "效能建设工作考评表") >= 0);
        int title = rowWith(sheet, "攀枝花市县（区）政务信息工作考评表");
        assertTrue(title >= 0);
        Row reporting = sheet.getRow(rowAfter(sheet, title, "2"));
        assertEquals("报送工作", reporting.getCell(1).getStringCellValue());
        String standard = reporting.getCell(4).getStringCellValue();
        assertTrue(standard.contains("每月报送信息不少于 8 条"), standard);
        assertTrue(standard.contains("存在重复报送信息的扣 3 分") && standard.contains("紧急重要信息迟报、漏报、瞒报的扣 5 分"), standard);
        assertFalse(standard.contains("少得") || standard.contains("不少于 6 条"), "附件1's words on a county's 附件2: " + standard);
        assertNumber("3", reporting.getCell(6));
        // 报送工作's three lines share one 序号 and name: merged as the source merges them
        int at = reporting.getRowNum();
        assertTrue(sheet.getMergedRegions().stream().anyMatch(m -> m.getFirstRow() == at && m.getLastRow() == at + 2 && m.getFirstColumn() == 0),
                "序号 2 merged over its three lines");
        String basic = sheet.getRow(rowAfter(sheet, title, "1")).getCell(4).getStringCellValue();
        assertTrue(basic.endsWith("工作网络运行不畅扣 5 分。") && !basic.contains("不得分"), basic);
        Row e3 = sheet.getRow(rowAfter(sheet, rowWith(sheet, "效能建设工作考评表"), "3"));
        assertEquals("深化行政审批制度改革、推进行政权力公开运行", e3.getCell(1).getStringCellValue());
        assertTrue(e3.getCell(4).getStringCellValue().contains("未完成其中一项扣20分"), e3.getCell(4).getStringCellValue());
    }

    @Test
    void aVetoIsNamedAtTheTopAndOnTheConversionRow() {
        Sheet sheet = workbook.getSheet("钒钛高新区管委会");
        int veto = rowWithPrefix(sheet, "一票否决（政务公开）：D-V4 ");
        int title = rowWith(sheet, "政务（信息）公开工作考评表");
        assertTrue(veto >= 0 && veto < title, "the veto's 情形 above the tables");
        Row converted = sheet.getRow(title + 7);
        assertEquals("折算", converted.getCell(0).getStringCellValue());
        assertEquals("一票否决", converted.getCell(3).getStringCellValue());
        assertNumber("-2", converted.getCell(6));
        assertTrue(rowWith(sheet, "钒钛高新区管委会政务信息工作考评表") > title);
    }

    @Test
    void everySheetPrintsA4LandscapeOnePageWideInSimSunWithPageNumbersPerDocument() {
        for (Sheet sheet : workbook) {
            var print = sheet.getPrintSetup();
            assertEquals(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE, print.getPaperSize(), sheet.getSheetName());
            assertTrue(print.getLandscape(), sheet.getSheetName() + " landscape");
            assertTrue(sheet.getFitToPage() && print.getFitWidth() == 1 && print.getFitHeight() == 0, sheet.getSheetName() + " one page wide");
            assertTrue(sheet.getFooter().getCenter().contains("&P") && sheet.getFooter().getCenter().contains("&N"), "page numbers");
            for (Row row : sheet) {
                for (Cell cell : row) {
                    var font = workbook.getFontAt(cell.getCellStyle().getFontIndex());
                    assertEquals("宋体", font.getFontName(), sheet.getSheetName() + " " + cell.getAddress());
                }
            }
        }
        assertNotNull(workbook.getSheet("通报").getRepeatingRows(), "the 通报 repeats its column heads");
        Sheet unit = workbook.getSheet("市财政局");
        assertTrue(unit.getPrintSetup().getUsePage() && unit.getPrintSetup().getPageStart() == 1, "a unit's table is numbered from page 1");
        assertEquals("宋体", workbook.getFontAt(0).getFontName(), "the workbook's default font");
        Row d3 = unit.getRow(rowAfter(unit, rowWith(unit, "政务（信息）公开工作考评表"), "3"));
        assertTrue(d3.getHeightInPoints() >= 10 * Styles.LINE_POINTS, "the long 评分标准 of D-3 gets the height it wraps to: " + d3.getHeightInPoints());
        assertTrue(unit.getRow(rowWith(unit, "攀枝花市人民政府办公室", 5)).getCell(0).getCellStyle().getAlignment()
                == org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT, "the 落款 at the foot, right-aligned");
        assertTrue(rowWithPrefix(unit, "经办人：") > 0, "the sign-off blocks");
    }

    @Test
    void refusesARulebookOfAnotherYearOrMissingResponses() {
        CirculationReport report = CirculationReport.of(2016, RESPONSES, GENERATED, ReportFixture.CATEGORIES);
        assertThrows(IllegalArgumentException.class, () -> ReportXlsx.write(report, RESPONSES.subList(0, 3),
                ReportFixture.RULEBOOK, null, new ByteArrayOutputStream()));
    }

    private static int rowWith(Sheet sheet, String firstCell) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(firstCell)) {
                return row.getRowNum();
            }
        }
        return -1;
    }

    /** The first row at or after {@code from} whose first cell is {@code firstCell}. */
    private static int rowWith(Sheet sheet, String firstCell, int from) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (row.getRowNum() >= from && cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(firstCell)) {
                return row.getRowNum();
            }
        }
        return -1;
    }

    private static int rowAfter(Sheet sheet, int title, String number) {
        return rowWith(sheet, number, title + 1);
    }

    private static int rowWithPrefix(Sheet sheet, String prefix) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().startsWith(prefix)) {
                return row.getRowNum();
            }
        }
        return -1;
    }

    /** The row's texts, leaving out the empty cells a merged cell spreads over. */
    private static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        row.forEach(c -> {
            if (c.getCellType() == CellType.STRING && !c.getStringCellValue().isEmpty()) {
                out.add(c.getStringCellValue());
            }
        });
        return out;
    }

    private static void assertNumber(String expected, Cell cell) {
        assertNotNull(cell);
        assertEquals(CellType.NUMERIC, cell.getCellType(), "a numeric cell at " + cell.getAddress());
        assertEquals(0, new BigDecimal(expected).compareTo(BigDecimal.valueOf(cell.getNumericCellValue())),
                cell.getAddress() + ": expected " + expected + ", was " + cell.getNumericCellValue());
    }

    private static void assertBlank(Cell cell) {
        assertTrue(cell == null || cell.getCellType() == CellType.BLANK, "blank cell");
    }
}
