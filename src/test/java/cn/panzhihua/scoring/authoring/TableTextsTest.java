package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import org.junit.jupiter.api.Test;

import java.util.List;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.rulebook.TableLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19 §1: each printed 考评表 quotes its own table, and the rules citing it quote its words. */
class TableTextsTest {

    private static final RulebookSource SOURCE = RulebookSource.read(RulesDirectory.resolve("rules-drl").resolve("2016"));

    @Test
    void the2016TablesAgreeWithTheirRules() {
        Rulebook rulebook = RulebookLoader.build(SOURCE);
        List<RulebookProblem> problems = TableTexts.of(rulebook);
        assertEquals(List.of(), problems, String.join("\n", problems.stream().map(Object::toString).toList()));
    }

    @Test
    void eachInformationTableHoldsItsOwnWords() {
        Rulebook rulebook = RulebookLoader.build(SOURCE);
        TableLayout county = layout(rulebook, 2);
        TableLayout municipal = layout(rulebook, 1);
        String countyDaily = county.row("I-2.1").orElseThrow().cell(TableLayout.Role.CRITERIA);
        assertTrue(countyDaily.contains("存在重复报送信息的扣 3 分"), countyDaily);
        assertTrue(countyDaily.contains("紧急重要信息迟报、漏报、瞒报的扣 5 分"), countyDaily);
        assertFalse(countyDaily.contains("少得"), countyDaily);
        assertTrue(county.row("I-1").orElseThrow().cell(TableLayout.Role.CRITERIA).endsWith("工作网络运行不畅扣 5 分。"));
        assertTrue(municipal.row("I-1").orElseThrow().cell(TableLayout.Role.CRITERIA).endsWith("工作网络运行不畅不得分。"));
        // the source's columns and headings: 附件 tables say 考评分, the 政务公开 table 考核分 and has no 考核内容 beside 评分标准
        assertEquals(List.of("序号", "考核指标", "分值", "考核内容", "评分标准", "自评分", "考评分"),
                county.columns().stream().map(TableLayout.Column::heading).toList());
        TableLayout disclosure = TableLayout.of(rulebook, rulebook.tables().stream()
                .filter(t -> t.assessment() == Assessment.DISCLOSURE).findFirst().orElseThrow()).orElseThrow();
        assertEquals(List.of("序号", "考核内容", "分值", "评分标准", "自评分", "考核分"),
                disclosure.columns().stream().map(TableLayout.Column::heading).toList());
        // 报送工作 is one 序号 over three items, as the source merges it
        assertEquals(List.of("1", "2", "2", "2", "3"), county.rows().stream().map(r -> r.cell(TableLayout.Role.NUMBER)).toList());
    }

    @Test
    void aCountyTableWhoseNumberDiffersFromTheRuleFailsTheGate() {
        RulebookSource edited = SOURCE.with("tables/information-2.tsv", SOURCE.file("tables/information-2.tsv").orElseThrow()
                .replace("存在重复报送信息的扣 3 分", "存在重复报送信息的扣 4 分"));
        List<RulebookProblem> problems = TableTexts.of(RulebookLoader.build(edited));
        assertTrue(problems.stream().anyMatch(p -> p.file().equals("2016/information/reporting.drl")
                && p.message().contains("攀枝花市县（区）政务信息工作考评表 and quotes [3 分]")), problems.toString());
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void aTableWithoutItsLayoutOrWithAWrongMaxFailsTheGate() {
        java.util.Map<String, String> files = new java.util.TreeMap<>(SOURCE.files());
        files.remove("tables/efficiency.tsv");
        RulebookSource edited = new RulebookSource("2016", files).with("tables/information-3.tsv",
                SOURCE.file("tables/information-3.tsv").orElseThrow().replace("I-3\t3\t采用情况\t80\t", "I-3\t3\t采用情况\t70\t"));
        List<RulebookProblem> problems = TableTexts.of(RulebookLoader.build(edited));
        assertTrue(problems.stream().anyMatch(p -> p.file().equals("2016/tables/efficiency.tsv") && p.message().startsWith("missing")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.file().equals("2016/tables/information-3.tsv")
                && p.message().equals("item I-3: 分值 70 but items.tsv says 80")), problems.toString());
    }

    @Test
    void aNewYearsRulebookStillCitingLastYearIsWarnedAbout() {
        assertEquals(List.of(), SourceYears.warnings(RulebookLoader.build(SOURCE)));
        java.util.Map<String, String> files = new java.util.TreeMap<>(SOURCE.files());
        files.put("rulebook.properties", files.get("rulebook.properties").replace("year=2016", "year=2017"));
        List<RulebookProblem> warnings = SourceYears.warnings(RulebookLoader.build(new RulebookSource("2017", files)));
        assertTrue(warnings.stream().anyMatch(w -> w.file().equals("2017/rulebook.properties") && w.message().startsWith("document names 2016")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.file().equals("2017/information/reporting.drl") && w.line() > 0
                && w.message().contains("@source names 2016 in a 2017 rulebook")), warnings.toString());
    }

    private static TableLayout layout(Rulebook rulebook, int attachment) {
        return TableLayout.of(rulebook, rulebook.tables().stream().filter(t -> Integer.valueOf(attachment).equals(t.attachment()))
                .findFirst().orElseThrow()).orElseThrow();
    }
}
