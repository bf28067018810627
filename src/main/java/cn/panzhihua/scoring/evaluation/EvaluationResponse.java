package cn.panzhihua.scoring.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The answer of POST /api/v1/evaluations (SPEC section 6). {@code recorded} says whether it was
 * stored as a decision record under {@code evaluationId} (false for a dry run).
 */
public record EvaluationResponse(String evaluationId, String unit, String category, int year, String rulebookVersion,
                                 Instant evaluatedAt, boolean recorded, AssessmentResult disclosure, AssessmentResult efficiency,
                                 AssessmentResult information, BigDecimal totalContribution, List<TrailEntry> trail) {

    /** One assessment; only {@code applicable: false} when it does not apply to the unit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AssessmentResult(boolean applicable, BigDecimal score, Boolean vetoed, BigDecimal contribution,
                                   List<ItemResult> items, AdoptionResult adoption) {

        static AssessmentResult notApplicable() {
            return new AssessmentResult(false, null, null, null, null, null);
        }
    }

    /** An item; {@code selfScore} and {@code difference} (assessed − self) when the request gave a self-score. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(String code, String name, BigDecimal max, BigDecimal score, BigDecimal selfScore, BigDecimal difference) {
    }

    /**
     * Item I-3's two portions; {@code provincial} is absent when the unit has no provincial task.
     * {@code asOf} is set on a progress evaluation: adoptions dated after it are not counted.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AdoptionResult(LocalDate asOf, PortionResult municipal, PortionResult provincial) {
    }

    /**
     * @param completion earned / target, rounded for display (tiers use the exact ratio)
     * @param portion    what the portion is worth (80, or 64 and 16)
     * @param tier       the share of the portion earned, in percent (100, 70, 50, 30 or 0)
     * @param nextTier   the next tier up, absent at 100
     * @param pointsToNextTier adoption points still needed to reach {@code nextTier}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PortionResult(BigDecimal target, BigDecimal earned, BigDecimal completion, BigDecimal portion,
                                BigDecimal score, int tier, Integer nextTier, BigDecimal pointsToNextTier) {
    }
}
