package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.evaluation.EvaluationRequest;
import cn.panzhihua.scoring.evaluation.Evaluator;
import cn.panzhihua.scoring.evaluation.RequestValidator;
import cn.panzhihua.scoring.evaluation.TrailEntry;
import cn.panzhihua.scoring.rulebook.CompiledRulesCache;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.RulesDirectory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, "numbers in one place": a number lives in one table cell, the rules read it, and the
 * gate fails when a quoted text, the catalogue and what the rules did disagree.
 */
class NumbersInOnePlaceTest {

    private static final RulebookSource SOURCE = RulebookSource.read(RulesDirectory.resolve("rules-drl").resolve("2016"));
    /** One gate, one in-memory cache: each edit recompiles only the DRL package it touches. */
    private static final RulebookGate GATE = new RulebookGate(CompiledRulesCache.inMemory());

    @Test
    void the2016RulebookIsConsistent() {
        GateResult result = GATE.check(SOURCE);
        assertEquals(List.of(), result.inconsistencies());
        assertTrue(result.passed());
    }

    @Test
    void aLinesPointsChangedInTheClauseListButNotInItsQuoteFailTheGate() {
        // Before: E-4.1 went from −5 to −6, the trail showed −12, the catalogue −5 and the text 每件扣5分.
        GateResult result = GATE.check(edit("clauses.tsv", s -> s.replace("E-1\tEFFICIENCY\tE-1\tLINE\tfinding\t-5\t", "E-1\tEFFICIENCY\tE-1\tLINE\tfinding\t-6\t")));
        assertTrue(result.inconsistencies().stream().anyMatch(p -> p.file().equals("2016/efficiency/table.drl")
                && p.message().contains("quotes 扣5分 but clauses.tsv gives E-1 -6")), result.inconsistencies().toString());
        // The rules read the new number: the scenarios that expected 5 per missing system now fail, with plain numbers.
        assertTrue(result.failedScenarios().stream().flatMap(f -> f.failures().stream()).anyMatch(f -> f.contains("expected 10, actual 8")),
                result.failedScenarios().toString());
    }

    @Test
    void aRuleThatWritesItsOwnNumberInsteadOfReadingTheLineIsCaught() {
        GateResult result = GATE.check(edit("efficiency/table.drl", s -> s.replace(
                "insertLogical(new Deduction($line, $line.points(), Evidence.of($found)));\nend\n",
                "insertLogical(new Deduction($line, new BigDecimal(\"-8\"), Evidence.of($found)));\nend\n")));
        assertTrue(result.inconsistencies().stream().anyMatch(p -> p.message().contains("took -8 off E-5 but clauses.tsv gives E-5 -10")),
                result.inconsistencies().toString());
        assertTrue(result.inconsistencies().stream().anyMatch(p -> p.message().contains("its quoted text says 扣10分 but it moved -8")),
                result.inconsistencies().toString());
    }

    @Test
    void aChannelRowMustStateItsOwnNumbers() {
        GateResult result = GATE.check(edit("channels.tsv", s -> s.replace("CITY_BULLETIN\tI-3\tMUNICIPAL\t4\t", "CITY_BULLETIN\tI-3\tMUNICIPAL\t5\t")));
        RulebookProblem problem = result.inconsistencies().stream().filter(p -> p.file().equals("2016/channels.tsv")).findFirst().orElseThrow();
        assertTrue(problem.message().contains("CITY_BULLETIN: its text says 计 4 分 but points is 5"), problem.message());
        assertEquals(lineOf("channels.tsv", "CITY_BULLETIN\t"), problem.line());
    }

    @Test
    void aTierRowMustStateItsOwnPercentages() {
        GateResult result = GATE.check(edit("tiers.tsv", s -> s.replace("I-3\t70\t70\t", "I-3\t70\t60\t")));
        assertTrue(result.inconsistencies().stream().anyMatch(p -> p.file().equals("2016/tiers.tsv")
                && p.message().contains("its text says 得 70% 分数 but its share is 60%")), result.inconsistencies().toString());
    }

    @Test
    void aNewChannelEarnsItsLeaderInstructionBonusWithoutARuleChange() throws Exception {
        // Before: a new channel CITY_WECHAT added to the rules silently got no leader-instruction bonus.
        RulebookSource withWechat = edit("channels.tsv", s -> s + "CITY_WECHAT\tI-3\tMUNICIPAL\t3\tno\t-\t10\tMUNICIPAL\t"
                + "“攀枝花发布”微信采用（市级；获市级及以上领导批示加10分）\t2017年政务信息采用计分标准 一、（五）\t“攀枝花发布”微信采用 1 条信息计 3 分\t\n");
        GateResult result = GATE.check(withWechat);
        assertTrue(result.uncoveredRules().stream().anyMatch(p -> p.message().contains("channel CITY_WECHAT: no scenario earns its points, "
                + "its leader-instruction bonus")), "a new channel needs its scenarios: " + result.uncoveredRules());
        EvaluationRequest request = JsonSetup.mapper().readValue("""
                {"unit": "市人防办", "year": 2016, "information": {"monthlySubmissions": [8,8,8,8,8,8,8,8,8,8,8,8],
                 "adoptions": [{"channel": "CITY_WECHAT", "date": "2016-04-01", "leaderInstruction": "MUNICIPAL"}]}}""", EvaluationRequest.class);
        List<TrailEntry> trail = Evaluator.evaluate(RequestValidator.validate(request, result.rulebook())).trail();
        List<String> tallies = trail.stream().filter(t -> t.kind().equals("TALLY"))
                .map(t -> t.points().stripTrailingZeros().toPlainString() + " " + t.text()).sorted().toList();
        assertEquals(List.of("10 以上刊物采用信息获得市级领导批示的每条加 10 分", "3 “攀枝花发布”微信采用 1 条信息计 3 分"), tallies,
                "the points and the bonus, from the channel's row");
    }

    @Test
    void aMonthlyMinimumChangedInTheTableButNotInTheQuoteFailsTheGate() {
        GateResult result = GATE.check(edit("tables.tsv", s -> s.replace("攀枝花市市级政务信息工作考评表\t考核指标\t6", "攀枝花市市级政务信息工作考评表\t考核指标\t7")));
        assertTrue(result.inconsistencies().stream().anyMatch(p -> p.message().contains("quotes 不足6条 but")
                && p.message().contains("monthly_minimum 7")), result.inconsistencies().toString());
    }

    private static RulebookSource edit(String file, UnaryOperator<String> change) {
        Map<String, String> files = new TreeMap<>(SOURCE.files());
        String before = files.get(file);
        String after = change.apply(before);
        assertNotEquals(before, after, "the edit of " + file + " changed nothing");
        files.put(file, after);
        return new RulebookSource(SOURCE.year(), files);
    }

    private static int lineOf(String file, String start) {
        String[] lines = SOURCE.files().get(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(start)) {
                return i + 1;
            }
        }
        return -1;
    }
}
