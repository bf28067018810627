package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.audit.ReplayDiff;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/**
 * The impact of a candidate rulebook on a year's units: each stored answer compared with the
 * candidate's answer to the same request. {@code before} is what was answered and stored (under the
 * version named by {@code storedVersion}), {@code after} what the candidate answers now.
 */
public record Impact(int year, String population, String batchId, String servingVersion, String candidateVersion,
                     List<String> replacedFiles, long recordsUpTo, int evaluated, int changed, int rankChanged, int rejected,
                     long millis, List<LargestMove> largestMoves, List<ClauseImpact> clauses, List<UnitImpact> units,
                     List<RejectedRequest> rejectedRequests) {

    /** One assessment's figures; null where it does not apply. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AssessmentFigures(BigDecimal score, BigDecimal contribution, Boolean vetoed) {
    }

    /**
     * One answer's figures and its rank inside its category among the population's answers (null
     * when the population holds more than one record of a unit: then there is no one ranking).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UnitFigures(String category, AssessmentFigures disclosure, AssessmentFigures efficiency, AssessmentFigures information, BigDecimal total, Integer rank) {
    }

    /**
     * One unit's record before and after. {@code changes} are the response's numbers that differ,
     * {@code clauses} the points each clause moved in the stored trail and in the candidate's
     * (present in one only, or with other points), as a replay shows them.
     */
    public record UnitImpact(String recordId, String unit, String categoryName, String storedVersion, UnitFigures before, UnitFigures after,
                             BigDecimal delta, boolean changed, List<ReplayDiff.ValueChange> changes,
                             List<ReplayDiff.ClauseChange> clauses) {
    }

    /** A unit among the largest moves of total contribution. */
    public record LargestMove(String unit, String recordId, String categoryName, BigDecimal before, BigDecimal after, BigDecimal delta,
                       Integer rankBefore, Integer rankAfter) {
    }

    /**
     * What one clause (of one kind of effect) did over the population: in how many units its points
     * changed, how many it moved up and down, and the sum of its changes.
     */
    public record ClauseImpact(String clause, String kind, String name, int units, int up, int down, BigDecimal points) {
    }

    /** A stored request the candidate rejects, with the problem it answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RejectedRequest(String recordId, String unit, int status, String title, String detail, String field, Object value) {
    }
}
