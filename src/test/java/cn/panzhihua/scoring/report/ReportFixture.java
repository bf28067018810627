package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationRequest;
import cn.panzhihua.scoring.evaluation.EvaluationRequest.AdoptionInput;
import cn.panzhihua.scoring.evaluation.EvaluationRequest.FindingInput;
import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.evaluation.Evaluator;
import cn.panzhihua.scoring.evaluation.RequestValidator;
import cn.panzhihua.scoring.evaluation.ResponseAssembler;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookLoader;
import cn.panzhihua.scoring.rulebook.RulesDirectory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ten real units of the 2016 rulebook evaluated in-process, handed to the report in a scrambled
 * order. The expected figures in the comments are worked out by hand from the document.
 */
final class ReportFixture {

    static final Instant GENERATED = Instant.parse("2017-01-15T02:00:00Z");
    static final Rulebook RULEBOOK = RulebookLoader.load(RulesDirectory.resolve("rules-drl").resolve("2016"));
    /** The rulebook's categories, code → name, in circulation order. */
    static final java.util.Map<String, String> CATEGORIES = AssessmentTables.categoryNames(RULEBOOK);
    static final List<EvaluationResponse> RESPONSES = responses();

    /** 自评分 of 市财政局 on two items; every other cell is blank. */
    static final SelfScores SELF_SCORES = (unit, item) -> !unit.equals("市财政局") ? null
            : switch (item) {
                case "D-1" -> new BigDecimal("8");
                case "I-3" -> new BigDecimal("79.5");
                default -> null;
            };

    private ReportFixture() {
    }

    private static List<EvaluationResponse> responses() {
        List<Integer> six = months(6, -1, 0);
        List<EvaluationResponse> out = new ArrayList<>();
        // 市财政局 (80/6): D 97.5 → −0.05; E 90 → −0.2; I: municipal 5×18=90 ≥ 80 → 64, provincial 2×8=16 ≥ 6 → 16,
        // I = 100 → +3. Total 2.75.
        out.add(evaluate("市财政局", List.of(finding("D-1.2", 1), finding("E-1", 2)), six, fullAdoption()));
        // 市公安局 (80/6): D-1.1 → −0.05; one E-2 violation → −0.2; same information → 2.75, tied with 市财政局.
        out.add(evaluate("市公安局", List.of(finding("D-1.1", 1), finding("E-2", 1)), six, fullAdoption()));
        // 市司法局 (80/6): clean, full adoption → 0 + 0 + 3 = 3.
        out.add(evaluate("市司法局", List.of(), six, fullAdoption()));
        // 市国资委 (80/6): municipal 15×4=60/80 = 75% → 70% of 64 = 44.8; provincial 2×3=6 → 16; I = 80.8 → 2.424.
        out.add(evaluate("市国资委", List.of(), six,
                concat(adoptions("CITY_BULLETIN", 15, null), adoptions("PROVINCE_MORNING_BRIEF", 2, null))));
        // 东区政府 (150/12, 附件2): E-5 → 90 → −0.2. I: one month of 7 < 8 → I-2.1 = 3; municipal 8×18 + 2×2 = 148/150
        // → 70% of 64 = 44.8; provincial 4×3 = 12 → 16; I = 78.8 → −(21.2/100)×1 = −0.212. Total −0.412.
        out.add(evaluate("东区政府", List.of(finding("E-5", 1)), months(8, 4, 7),
                concat(adoptions("CITY_BULLETIN_SPECIAL", 8, LeaderInstruction.MUNICIPAL),
                        adoptions("CITY_DAILY_BRIEF", 2, null), adoptions("PROVINCE_MORNING_BRIEF", 4, null))));
        // 西区政府 (150/6): clean; 10×18 = 180 ≥ 150 → 64, 2×3 = 6 → 16; I = 100 → 0. Total 0.
        out.add(evaluate("西区政府", List.of(), months(8, -1, 0),
                concat(adoptions("CITY_BULLETIN_SPECIAL", 10, LeaderInstruction.MUNICIPAL), adoptions("PROVINCE_MORNING_BRIEF", 2, null))));
        // 钒钛高新区管委会 (120/9, 附件3): D-V4 veto → D 100 but −2. I-2.2 → 0; municipal 7×18 = 126 → 64;
        // provincial 8/9 → 70% of 16 = 11.2; I = 90.2 → ×1/100 = 0.902. Total −1.098.
        out.add(evaluate("钒钛高新区管委会", List.of(finding("D-V4", 1), finding("I-2.2", 1)), six,
                concat(adoptions("CITY_BULLETIN_SPECIAL", 7, LeaderInstruction.MUNICIPAL), adoptions("PROVINCE_KEY_REPORT", 1, null))));
        // 市总工会 (20/0): serious I-2.3 → item 0 and veto; 5×4 = 20 → 80 (the provincial record is not counted);
        // I = 95, vetoed → 0. Total 0.
        out.add(evaluate("市总工会", List.of(new FindingInput("I-2.3", 1, true, "编造虚假信息", null)), six,
                concat(adoptions("CITY_BULLETIN", 5, null), adoptions("PROVINCE_MORNING_BRIEF", 1, null))));
        // 市妇联 (20/0): 18/20 = 90% → 70% of 80 = 56; I = 20 + 56 = 76 → 2.28.
        out.add(evaluate("市妇联", List.of(), six, adoptions("CITY_BULLETIN_SPECIAL", 1, LeaderInstruction.MUNICIPAL)));
        // 市政府驻北京联络处 (80/0): a month of 5 → I-2.1 = 3; 10×8 = 80 → 80; I = 98 → 2.94.
        out.add(evaluate("市政府驻北京联络处", List.of(), months(6, 9, 5), adoptions("CITY_BULLETIN_SPECIAL", 10, null)));
        Collections.reverse(out);
        return List.copyOf(out);
    }

    static EvaluationResponse response(String unit) {
        return RESPONSES.stream().filter(r -> r.unit().equals(unit)).findFirst().orElseThrow();
    }

    /**
     * 米易县政府's progress check at 2016-06-30 (issue 19): a county (150/12) with 6 《攀政快讯》 before July → 24/150
     * = 16% < 30% → 0 of 64; no provincial adoption → 0 of 16; I-1, I-2.x 5 each → I = 20 → −(80/100)×1 = −0.8;
     * efficiency clean → 0. Total −0.8: the figures that replaced its annual row before the fix.
     */
    static EvaluationResponse progressCheck() {
        EvaluationRequest request = new EvaluationRequest("米易县政府", 2016, List.of(),
                new EvaluationRequest.InformationInput(months(8, -1, 0), concat(adoptions("CITY_BULLETIN", 6, null),
                        adoptions("CITY_BULLETIN_SPECIAL", 12, null).stream().map(a -> new AdoptionInput(a.channel(), "2016-09-01", a.title(),
                                a.leaderInstruction(), null, null)).toList())), null, "2016-06-30");
        return ResponseAssembler.assemble(Evaluator.evaluate(RequestValidator.validate(request, RULEBOOK)),
                "progress-米易县政府", GENERATED, false);
    }

    private static EvaluationResponse evaluate(String unit, List<FindingInput> findings, List<Integer> months,
                                               List<AdoptionInput> adoptions) {
        EvaluationRequest request = new EvaluationRequest(unit, 2016, findings,
                new EvaluationRequest.InformationInput(months, adoptions), null, null);
        return ResponseAssembler.assemble(Evaluator.evaluate(RequestValidator.validate(request, RULEBOOK)),
                "eval-" + unit, GENERATED, false);
    }

    private static FindingInput finding(String code, int count) {
        return new FindingInput(code, count, null, "检查发现", null);
    }

    /** Twelve months of {@code usual}, except month index {@code odd} (if ≥ 0) which has {@code oddCount}. */
    private static List<Integer> months(int usual, int odd, int oddCount) {
        List<Integer> months = new ArrayList<>(Collections.nCopies(12, usual));
        if (odd >= 0) {
            months.set(odd, oddCount);
        }
        return months;
    }

    private static List<AdoptionInput> fullAdoption() {
        return concat(adoptions("CITY_BULLETIN_SPECIAL", 5, LeaderInstruction.MUNICIPAL), adoptions("PROVINCE_KEY_REPORT", 2, null));
    }

    private static List<AdoptionInput> adoptions(String channel, int count, LeaderInstruction instruction) {
        List<AdoptionInput> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new AdoptionInput(channel, "2016-%02d-%02d".formatted(1 + i % 12, 1 + i), channel + " 第" + (i + 1) + "条",
                    instruction, null, null));
        }
        return out;
    }

    @SafeVarargs
    private static List<AdoptionInput> concat(List<AdoptionInput>... lists) {
        List<AdoptionInput> out = new ArrayList<>();
        for (List<AdoptionInput> list : lists) {
            out.addAll(list);
        }
        return out;
    }
}
