package cn.panzhihua.scoring.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static cn.panzhihua.scoring.report.ReportFixture.GENERATED;
import static cn.panzhihua.scoring.report.ReportFixture.RESPONSES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCsvTest {

    private static final String HEADER = "类别,类别内排名,单位,政务公开得分,政务公开折算,政务公开一票否决,效能建设得分,效能建设折算,"
            + "政务信息得分,政务信息折算,政务信息一票否决,合计折算,一票否决情形,评估编号,规则版本";

    @Test
    void excelReadsItAsUtf8WithCrlfLines() throws IOException {
        byte[] bytes = csv();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 byte order mark");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertFalse(text.replace("\r\n", "").contains("\n"), "a bare LF");
        assertFalse(text.replace("\r\n", "").contains("\r"), "a bare CR");
        List<String> lines = List.of(text.split("\r\n", -1));
        assertEquals("", lines.get(lines.size() - 1), "the last line ends in CRLF too");
        // the header, the rows, an empty line and the count line
        assertEquals(1 + RESPONSES.size() + 2, lines.size() - 1);
        assertEquals("共 10 个单位，已考评 10 个，未考评 0 个", lines.get(lines.size() - 2));
        assertEquals(HEADER, lines.get(0));
    }

    @Test
    void rowsKeepChineseNamesAndLeaveNotApplicableCellsEmpty() throws IOException {
        String text = new String(csv(), StandardCharsets.UTF_8);
        String version = ReportFixture.RULEBOOK.version();
        List<String> lines = List.of(text.substring(1).split("\r\n"));
        assertEquals("县（区）政府,1,西区政府,,,,100,0,100,0,否,0,,eval-西区政府," + version, lines.get(1));
        assertEquals("市级部门,2,市财政局,97.5,-0.05,否,90,-0.2,100,3,否,2.75,,eval-市财政局," + version, lines.get(4));
        assertTrue(lines.get(7).startsWith("钒钛高新区管委会,1,钒钛高新区管委会,100,-2,是,100,0,90.2,0.902,否,-1.098,\"政务公开一票否决：D-V4 "), lines.get(7));
        assertTrue(lines.get(7).endsWith(",eval-钒钛高新区管委会," + version), lines.get(7));
        assertTrue(lines.get(9).startsWith("市级群团单位,2,市总工会,,,,,,95,0,是,0,\"政务信息一票否决：I-V "), lines.get(9));
        assertEquals("市政府驻外办事处,1,市政府驻北京联络处,,,,,,98,2.94,否,2.94,,eval-市政府驻北京联络处," + version, lines.get(10));
    }

    @Test
    void everyUnitOfTableCAppearsTheOthersAs未考评() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportCsv.write(CirculationReport.of(2016, RESPONSES, GENERATED, ReportFixture.RULEBOOK), out);
        List<String> lines = List.of(new String(out.toByteArray(), StandardCharsets.UTF_8).substring(1).split("\r\n"));
        // 72 units in table C, 10 evaluated in the fixture: 62 listed, none ranked
        assertEquals("共 72 个单位，已考评 10 个，未考评 62 个", lines.get(lines.size() - 1));
        int head = lines.indexOf("未考评单位,类别,说明");
        assertEquals(12, head, "after the ranked rows and an empty line");
        assertEquals("仁和区政府,县（区）政府,未考评", lines.get(head + 1), "in table C order");
        assertTrue(lines.contains("市侨联,市级群团单位,未考评"), "市侨联 is listed");
        assertEquals(62, lines.stream().filter(l -> l.endsWith(",未考评")).count());
    }

    @Test
    void quotesFieldsAsRfc4180Says() {
        assertEquals("市财政局", ReportCsv.quoted("市财政局"));
        assertEquals("\"a,b\"", ReportCsv.quoted("a,b"));
        assertEquals("\"说\"\"好\"\"\"", ReportCsv.quoted("说\"好\""));
        assertEquals("\"一\r\n二\"", ReportCsv.quoted("一\r\n二"));
    }

    private static byte[] csv() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportCsv.write(CirculationReport.of(2016, RESPONSES, GENERATED, ReportFixture.CATEGORIES), out);
        return out.toByteArray();
    }
}
