package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.evaluation.EvaluationResponse.AdoptionResult;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.AssessmentResult;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.ItemResult;
import cn.panzhihua.scoring.evaluation.EvaluationResponse.PortionResult;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.AssessmentScore;
import cn.panzhihua.scoring.facts.Completion;
import cn.panzhihua.scoring.facts.Contribution;
import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.ItemScore;
import cn.panzhihua.scoring.facts.Level;
import cn.panzhihua.scoring.facts.PortionScore;
import cn.panzhihua.scoring.facts.SelfScoreCheck;
import cn.panzhihua.scoring.facts.TierProgress;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shapes what the rules derived into the public response. It reads facts; it computes no score. */
public final class ResponseAssembler {

    private ResponseAssembler() {
    }

    public static EvaluationResponse assemble(Outcome outcome, String evaluationId, Instant evaluatedAt, boolean recorded) {
        EvaluationInput input = outcome.input();
        return new EvaluationResponse(evaluationId, input.unit().name(), input.unit().category(), input.rulebook().year(),
                input.rulebook().version(), evaluatedAt, recorded,
                assessment(outcome, Assessment.DISCLOSURE), assessment(outcome, Assessment.EFFICIENCY),
                assessment(outcome, Assessment.INFORMATION), Decimals.out(outcome.totalContribution()),
                outcome.trail().stream().map(ResponseAssembler::rounded).toList());
    }

    private static AssessmentResult assessment(Outcome outcome, Assessment assessment) {
        EvaluationInput input = outcome.input();
        if (!input.unit().applies(assessment)) {
            return AssessmentResult.notApplicable();
        }
        BigDecimal score = outcome.assessmentScores().stream().filter(s -> s.assessment() == assessment)
                .map(AssessmentScore::score).findFirst().orElseThrow(() -> missing("the score of " + assessment));
        BigDecimal contribution = outcome.contributions().stream().filter(c -> c.assessment() == assessment)
                .map(Contribution::points).findFirst().orElseThrow(() -> missing("the contribution of " + assessment));
        List<ItemResult> items = new ArrayList<>();
        for (Item item : input.rulebook().items(assessment)) {
            BigDecimal itemScore = outcome.itemScores().stream().filter(s -> s.code().equals(item.code()))
                    .map(ItemScore::score).findFirst().orElseThrow(() -> missing("the score of item " + item.code()));
            SelfScoreCheck self = outcome.selfScoreChecks().stream().filter(c -> c.item().equals(item.code())).findFirst().orElse(null);
            items.add(new ItemResult(item.code(), item.name(), Decimals.out(item.max()), Decimals.out(itemScore),
                    self == null ? null : Decimals.out(self.selfScore()), self == null ? null : Decimals.out(self.difference())));
        }
        Boolean vetoed = assessment == Assessment.EFFICIENCY ? null
                : outcome.vetoes().stream().anyMatch(v -> v.assessment() == assessment);
        AdoptionResult adoption = assessment == Assessment.INFORMATION
                ? new AdoptionResult(input.asOf(), portion(outcome, Level.MUNICIPAL), portion(outcome, Level.PROVINCIAL)) : null;
        return new AssessmentResult(true, Decimals.out(score), vetoed, Decimals.out(contribution), items, adoption);
    }

    private static PortionResult portion(Outcome outcome, Level level) {
        Completion completion = outcome.completions().stream().filter(c -> c.level() == level).findFirst().orElse(null);
        if (completion == null) {
            return null;
        }
        PortionScore score = outcome.portionScores().stream().filter(p -> p.level() == level).findFirst()
                .orElseThrow(() -> missing("the tier of the " + level + " portion"));
        TierProgress progress = outcome.progress().stream().filter(p -> p.level() == level).findFirst().orElse(null);
        return new PortionResult(Decimals.out(completion.target()), Decimals.out(completion.earned()), Decimals.out(completion.ratio()),
                Decimals.out(completion.worth()), Decimals.out(score.score()), score.share(),
                progress == null ? null : progress.nextTier(), progress == null ? null : Decimals.out(progress.pointsNeeded()));
    }

    private static TrailEntry rounded(TrailEntry e) {
        return new TrailEntry(e.seq(), e.rule(), e.clause(), e.source(), e.text(), Decimals.out(e.points()), e.evidence(),
                e.kind(), e.assessment(), e.item(), e.level(), e.finding(), e.note(), e.location());
    }

    /** The rulebook did not derive something every evaluation needs: a defect in the rules, not the request. */
    private static IllegalStateException missing(String what) {
        return new IllegalStateException("the rulebook derived no fact for " + what);
    }
}
