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

class ReportCsvTest {

    private static final String HEADER = "类别,类别内排名,单位,政务公开得分,政务公开折算,政务公开一票否决,效能建设得分,效能建设折算,"
            + "政务信息得分,政务信息折算,政务信息一票否决,合计折算,评估编号,规则版本";

    @Test
    void excelReadsItAsUtf8WithCrlfLines() throws IOException {
        byte[] bytes = csv();
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 byte order mark");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertFalse(text.replace("\r\n", "").contains("\n"), "a bare LF");
        assertFalse(text.replace("\r\n", "").contains("\r"), "a bare CR");
        List<String> lines = List.of(text.split("\r\n", -1));
        assertEquals("", lines.get(lines.size() - 1), "the last line ends in CRLF too");
        assertEquals(1 + RESPONSES.size(), lines.size() - 1);
        assertEquals(HEADER, lines.get(0));
    }

    @Test
    void rowsKeepChineseNamesAndLeaveNotApplicableCellsEmpty() throws IOException {
        String text = new String(csv(), StandardCharsets.UTF_8);
        String version = ReportFixture.RULEBOOK.version();
        List<String> lines = List.of(text.substring(1).split("\r\n"));
        assertEquals("县（区）政府,1,西区政府,,,,100,0,100,0,否,0,eval-西区政府," + version, lines.get(1));
        assertEquals("市级部门,2,市财政局,97.5,-0.05,否,90,-0.2,100,3,否,2.75,eval-市财政局," + version, lines.get(4));
        assertEquals("钒钛高新区管委会,1,钒钛高新区管委会,100,-2,是,100,0,90.2,0.902,否,-1.098,eval-钒钛高新区管委会," + version, lines.get(7));
        assertEquals("市级群团单位,2,市总工会,,,,,,95,0,是,0,eval-市总工会," + version, lines.get(9));
        assertEquals("市政府驻外办事处,1,市政府驻北京联络处,,,,,,98,2.94,否,2.94,eval-市政府驻北京联络处," + version, lines.get(10));
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
