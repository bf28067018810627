package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.AssessmentResult;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.ItemResult;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.rulebook.Rulebook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One assessment's 考评表 filled in for a unit, as every rendering shows it (the XLSX sheet, the
 * PDF, the console page): the document's title and columns, one line per item with its 评分标准
 * quoted from the rulebook, then the total and what it adds to the annual target score.
 *
 * @param vetoed whether a veto clause applied (the total is still reported; the contribution is the veto's)
 */
public record AssessmentSheet(Assessment assessment, String title, String itemHeading, List<Line> lines,
                              BigDecimal max, BigDecimal score, BigDecimal contribution, boolean vetoed) {

    /** The columns of every 考评表, the second named as the assessment's table names it. */
    public List<String> headings() {
        return List.of("序号", itemHeading, "分值", "评分标准", "自评分", "考核分");
    }

    /**
     * @param number  the 序号 as the document numbers its rows (1, 2, …; 2.1 for a sub-row of 报送工作)
     * @param code    the item's code (D-1), which the trail entries name
     */
    public record Line(String number, String code, String name, BigDecimal max, String criteria,
                       BigDecimal selfScore, BigDecimal score) {
    }

    /**
     * The tables of every assessment that applies to the unit, in the document's order.
     *
     * @param rulebook   the rulebook the 评分标准 are quoted from (the serving one of the record's year); null leaves them blank
     * @param selfScores the unit's 自评分 where known; null for none
     */
    public static List<AssessmentSheet> of(EvaluationResponse response, Rulebook rulebook, SelfScores selfScores) {
        ScoringCriteria criteria = rulebook == null ? null : new ScoringCriteria(rulebook);
        AssessmentTables tables = criteria == null ? null : criteria.tables();
        SelfScores scores = selfScores == null ? SelfScores.none() : selfScores;
        List<AssessmentSheet> sheets = new ArrayList<>();
        for (Assessment assessment : Assessment.values()) {
            AssessmentResult result = result(response, assessment);
            if (result == null || !result.applicable()) {
                continue;
            }
            List<Line> lines = new ArrayList<>();
            BigDecimal max = BigDecimal.ZERO;
            for (ItemResult item : result.items()) {
                String standard = criteria == null ? "" : criteria.of(item.code(), tables.attachment(assessment, response.category()));
                BigDecimal self = item.selfScore() != null ? item.selfScore() : scores.score(response.unit(), item.code());
                lines.add(new Line(number(item.code()), item.code(), item.name(), item.max(), standard, self, item.score()));
                max = max.add(item.max());
            }
            // without the year's rulebook (no longer served) the sheet is titled by its assessment alone
            String title = tables == null ? SummaryColumns.assessmentLabel(assessment) + "工作考评表" : tables.title(assessment, response.category());
            String heading = tables == null ? "考核指标" : tables.itemHeading(assessment, response.category());
            sheets.add(new AssessmentSheet(assessment, title, heading, List.copyOf(lines), max, result.score(), result.contribution(),
                    Boolean.TRUE.equals(result.vetoed())));
        }
        return List.copyOf(sheets);
    }

    /** D-1 → 1, I-2.1 → 2.1: the document numbers rows within a table, the code adds the table's letter. */
    static String number(String code) {
        int dash = code.indexOf('-');
        return dash < 0 ? code : code.substring(dash + 1);
    }

    static AssessmentResult result(EvaluationResponse response, Assessment assessment) {
        return switch (assessment) {
            case DISCLOSURE -> response.disclosure();
            case EFFICIENCY -> response.efficiency();
            case INFORMATION -> response.information();
        };
    }
}
