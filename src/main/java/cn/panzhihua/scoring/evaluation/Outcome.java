package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.AssessmentScore;
import cn.panzhihua.scoring.facts.Completion;
import cn.panzhihua.scoring.facts.Contribution;
import cn.panzhihua.scoring.facts.Effect;
import cn.panzhihua.scoring.facts.ItemScore;
import cn.panzhihua.scoring.facts.PortionScore;
import cn.panzhihua.scoring.facts.SelfScoreCheck;
import cn.panzhihua.scoring.facts.TierProgress;
import cn.panzhihua.scoring.facts.Veto;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * What the rules derived for one unit-year, read from working memory once they settled.
 * {@code effects} are the trail's facts (one per entry, in the same order);
 * {@code settledRules} names the rules whose conclusions hold (package/name); {@code firings} counts every firing,
 * including those whose conclusions later data replaced.
 */
public record Outcome(EvaluationInput input, List<ItemScore> itemScores, List<AssessmentScore> assessmentScores,
                      List<Contribution> contributions, List<Veto> vetoes, List<Completion> completions,
                      List<PortionScore> portionScores, List<TierProgress> progress, List<SelfScoreCheck> selfScoreChecks,
                      BigDecimal totalContribution, List<TrailEntry> trail, List<Effect> effects,
                      Set<String> settledRules, int firings) {
}
