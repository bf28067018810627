package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.AssessmentResult;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.ItemResult;
import cn.panzhihua.scoring.evaluation.TrailEntry;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Table;
import cn.panzhihua.scoring.rulebook.TableLayout;
import cn.panzhihua.scoring.rulebook.TableLayout.Role;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One assessment's 考评表 filled in for a unit, as every rendering shows it (the XLSX sheet, the
 * PDF, the console page): the source's title, columns, headings, 序号 and words for the unit's own
 * table (the rulebook's tables/*.tsv: a county's 附件2, a department's 附件1), one line per item,
 * then the total and what it adds to the annual target score.
 *
 * @param columns     the source's columns with their headings, in order
 * @param selfTotal   the sum of the 自评分 where every line has one; null otherwise
 * @param vetoed      whether a veto clause applied (the total is still reported; the contribution is the veto's)
 * @param vetoReasons the 情形 of each veto that applied: the clause's words, and the finding's note
 */
public record AssessmentSheet(Assessment assessment, String title, List<TableLayout.Column> columns, List<Line> lines,
                              BigDecimal max, BigDecimal score, BigDecimal selfTotal, BigDecimal contribution, boolean vetoed,
                              List<String> vetoReasons) {

    /** The source's column headings, in order. */
    public List<String> headings() {
        return columns.stream().map(TableLayout.Column::heading).toList();
    }

    /**
     * @param number  the 序号 as the source numbers its rows (1, 2, 3; 报送工作's three lines share 2)
     * @param span    how many lines the 序号 and name cells cover from this one (merged as the source merges them);
     *                0 on a line the one above covers
     * @param code    the item's code (D-1), which the trail entries name
     * @param reasons why points were taken off this line: each deduction's points, the finding's note, origin and count
     */
    public record Line(String number, int span, String code, String name, BigDecimal max, String content, String criteria,
                       BigDecimal selfScore, BigDecimal score, List<String> reasons) {

        /** The cell of a column, as printed: text, a number, or null for an empty cell. */
        public Object cell(Role role) {
            return switch (role) {
                case NUMBER -> number;
                case NAME -> name;
                case MAX -> max;
                case CONTENT -> content;
                case CRITERIA -> criteria;
                case SELF -> selfScore;
                case SCORE -> score;
                case REMARK -> String.join("\n", reasons);
            };
        }
    }

    /** The columns a table without its layout file is printed with (a rulebook from before tables/). */
    private static List<TableLayout.Column> fallbackColumns(String itemHeading) {
        return List.of(new TableLayout.Column(Role.NUMBER, "序号"), new TableLayout.Column(Role.NAME, itemHeading),
                new TableLayout.Column(Role.MAX, "分值"), new TableLayout.Column(Role.CRITERIA, "评分标准"),
                new TableLayout.Column(Role.SELF, "自评分"), new TableLayout.Column(Role.SCORE, "考评分"));
    }

    /**
     * The tables of every assessment that applies to the unit, in the document's order.
     *
     * @param rulebook   the rulebook the tables' words are taken from (the serving one of the record's year); null leaves them blank
     * @param selfScores the unit's 自评分 where known; null for none
     */
    public static List<AssessmentSheet> of(EvaluationResponse response, Rulebook rulebook, SelfScores selfScores) {
        SelfScores scores = selfScores == null ? SelfScores.none() : selfScores;
        List<AssessmentSheet> sheets = new ArrayList<>();
        for (Assessment assessment : Assessment.values()) {
            AssessmentResult result = result(response, assessment);
            if (result == null || !result.applicable()) {
                continue;
            }
            Optional<Table> table = rulebook == null ? Optional.empty()
                    : rulebook.category(response.category()).flatMap(c -> c.table(assessment));
            Optional<TableLayout> layout = table.flatMap(t -> TableLayout.of(rulebook, t));
            ScoringCriteria criteria = rulebook == null || layout.isPresent() ? null : new ScoringCriteria(rulebook);
            List<Line> lines = new ArrayList<>();
            BigDecimal max = BigDecimal.ZERO;
            BigDecimal selfTotal = BigDecimal.ZERO;
            for (ItemResult item : result.items()) {
                BigDecimal self = item.selfScore() != null ? item.selfScore() : scores.score(response.unit(), item.code());
                selfTotal = self == null || selfTotal == null ? null : selfTotal.add(self);
                Optional<TableLayout.Row> row = layout.flatMap(l -> l.row(item.code()));
                String number = row.map(r -> r.cell(Role.NUMBER)).orElse(String.valueOf(lines.stream().map(Line::number).distinct().count() + 1));
                String name = row.map(r -> r.cell(Role.NAME)).orElse(item.name());
                String content = row.map(r -> r.cell(Role.CONTENT)).orElse("");
                String standard = row.map(r -> r.cell(Role.CRITERIA)).orElseGet(() -> criteria == null ? ""
                        : criteria.of(item.code(), table.map(t -> t.attachment() == null ? java.util.OptionalInt.empty()
                        : java.util.OptionalInt.of(t.attachment())).orElse(java.util.OptionalInt.empty())));
                lines.add(new Line(number, 1, item.code(), name, item.max(), content, standard, self, item.score(),
                        reasons(response, item.code())));
                max = max.add(item.max());
            }
            String title = table.map(Table::title).orElse(SummaryColumns.assessmentLabel(assessment) + "工作考评表");
            List<TableLayout.Column> columns = layout.map(TableLayout::columns)
                    .orElse(fallbackColumns(table.map(Table::itemHeading).filter(h -> !h.isBlank()).orElse("考核指标")));
            sheets.add(new AssessmentSheet(assessment, title, columns, merged(lines), max, result.score(), selfTotal,
                    result.contribution(), Boolean.TRUE.equals(result.vetoed()), vetoReasons(response, assessment)));
        }
        return List.copyOf(sheets);
    }

    /** Lines sharing a 序号 and name with the line above are covered by its merged cells. */
    private static List<Line> merged(List<Line> lines) {
        List<Line> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            int j = i + 1;
            while (j < out.size() && out.get(j).number().equals(out.get(i).number()) && out.get(j).name().equals(out.get(i).name())) {
                j++;
            }
            for (int k = i; k < j; k++) {
                Line l = out.get(k);
                out.set(k, new Line(l.number(), k == i ? j - i : 0, l.code(), l.name(), l.max(), l.content(), l.criteria(),
                        l.selfScore(), l.score(), l.reasons()));
            }
            i = j - 1;
        }
        return List.copyOf(out);
    }

    /**
     * Why points came off an item: every deduction (and cap) of the trail on it, with the points,
     * the finding's evidence (note, origin, count as the record holds them).
     */
    static List<String> reasons(EvaluationResponse response, String item) {
        List<String> out = new ArrayList<>();
        if (response.trail() == null) {
            return out;
        }
        for (TrailEntry t : response.trail()) {
            if (!item.equals(t.item()) || t.kind() == null || t.points() == null || t.points().signum() == 0) {
                continue;
            }
            if (!t.kind().equals("DEDUCTION") && !t.kind().equals("CAP")) {
                continue;
            }
            String what = t.kind().equals("CAP") ? "封顶退回 " + ReportPdf.text(t.points()) + " 分" : "扣 " + ReportPdf.text(t.points().negate()) + " 分";
            String evidence = t.evidence() == null || t.evidence().isEmpty() ? "" : "：" + String.join("；", plain(t.evidence()));
            out.add(what + evidence);
        }
        return out;
    }

    /** The 情形 of each veto on the assessment: the clause's words and the evidence that triggered it. */
    static List<String> vetoReasons(EvaluationResponse response, Assessment assessment) {
        List<String> out = new ArrayList<>();
        if (response.trail() == null) {
            return out;
        }
        for (TrailEntry t : response.trail()) {
            if ("VETO".equals(t.kind()) && assessment.jsonName().equals(t.assessment())) {
                String evidence = t.evidence() == null || t.evidence().isEmpty() ? "" : "（" + String.join("；", plain(t.evidence())) + "）";
                out.add(t.clause() + " " + (t.text() == null ? t.rule() : t.text()) + evidence);
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile("^origin \\w+（(.+)）$");
    private static final java.util.regex.Pattern UNNAMED = java.util.regex.Pattern.compile("^findings\\[(\\d+)\\] (\\S+)$");

    /** Evidence as a clerk reads it: "来源：不定期抽查" for "origin SPOT_CHECK（不定期抽查）", "第 1 项发现（D-1.2）" for a finding without a note. */
    public static List<String> plain(List<String> evidence) {
        List<String> out = new ArrayList<>(evidence.size());
        for (String e : evidence) {
            java.util.regex.Matcher origin = ORIGIN.matcher(e);
            java.util.regex.Matcher unnamed = UNNAMED.matcher(e);
            if (origin.matches()) {
                out.add("来源：" + origin.group(1));
            } else if (unnamed.matches()) {
                out.add("第 " + (Integer.parseInt(unnamed.group(1)) + 1) + " 项发现（" + unnamed.group(2) + "）");
            } else {
                out.add(e);
            }
        }
        return out;
    }

    static AssessmentResult result(EvaluationResponse response, Assessment assessment) {
        return switch (assessment) {
            case DISCLOSURE -> response.disclosure();
            case EFFICIENCY -> response.efficiency();
            case INFORMATION -> response.information();
        };
    }
}
