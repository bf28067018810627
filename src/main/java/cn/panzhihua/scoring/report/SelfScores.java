package cn.panzhihua.scoring.report;

import cn.panzhihua.scoring.evaluation.EvaluationResponse;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 自评分 a unit gave itself on an item; the 考评表 shows them next to the 考核分. Evaluations
 * carry them when the request gave {@code selfScores} ({@link #from}).
 */
@FunctionalInterface
public interface SelfScores {

    /** @return the unit's own score for the item, or null when it gave none (the cell stays blank) */
    BigDecimal score(String unit, String itemCode);

    static SelfScores none() {
        return (unit, itemCode) -> null;
    }

    /** The self-scores the evaluations themselves carry (their items' {@code selfScore}). */
    static SelfScores from(List<EvaluationResponse> responses) {
        Map<String, BigDecimal> scores = new HashMap<>();
        for (EvaluationResponse response : responses) {
            for (EvaluationResponse.AssessmentResult result : List.of(response.disclosure(), response.efficiency(), response.information())) {
                if (result != null && result.items() != null) {
                    result.items().stream().filter(i -> i.selfScore() != null)
                            .forEach(i -> scores.put(response.unit() + "\t" + i.code(), i.selfScore()));
                }
            }
        }
        return (unit, itemCode) -> scores.get(unit + "\t" + itemCode);
    }
}
