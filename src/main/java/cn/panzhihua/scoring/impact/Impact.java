package cn.panzhihua.scoring.impact;

import cn.panzhihua.scoring.audit.ReplayDiff;
import cn.panzhihua.scoring.rulebook.ReloadResult;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * The impact of a candidate rulebook on a year's units: each stored answer compared with the
 * candidate's answer to the same request. {@code before} is what was answered and stored (under the
 * version named by {@code storedVersion}), {@code after} what the candidate answers now.
 * <p>
 * The JSON is written in this order, the numbers first and the gate's verdict last: the verdict
 * (which runs every scenario) is worked out beside the numbers and never holds them back.
 *
 * @param candidateYear    the year whose folder the candidate is: {@code year} itself, or the year named by {@code candidate=}
 * @param differingFiles   the candidate's files whose text differs from the rulebook serving {@code candidateYear}
 *                         (added, removed or edited); null when no rulebook of that year serves
 * @param changed          records whose answer changed in any way: {@code scoreChanged + trailOnlyChanged}
 * @param scoreChanged     records whose total, an assessment's score, contribution or veto, or an item's score changed
 * @param trailOnlyChanged records whose trail (clause points, adoption tallies, tiers) changed while every score stayed
 * @param ranked           units ranked before and after: those the candidate evaluated (neither rejected nor dropped),
 *                         ranked among themselves both times
 * @param rankChanged      of those, the units whose rank changed
 * @param dropped          records of units the candidate does not have (listed in {@code droppedUnits}, not evaluated)
 */
public record Impact(int year, int candidateYear, String population, String batchId, String servingVersion, String candidateVersion,
                     List<String> replacedFiles, List<String> differingFiles, long recordsUpTo, int evaluated, int changed,
                     int scoreChanged, int trailOnlyChanged, int ranked, int rankChanged, int rejected, int dropped,
                     long millis, List<LargestMove> largestMoves, List<ClauseImpact> clauses, List<UnitImpact> units,
                     List<RejectedRequest> rejectedRequests, List<DroppedUnit> droppedUnits, List<NewUnit> newUnits, Gate gate) {

    /** One assessment's figures; null where it does not apply. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AssessmentFigures(BigDecimal score, BigDecimal contribution, Boolean vetoed) {
    }

    /**
     * One answer's figures and its rank inside its category among the units ranked both times (null
     * when the population holds more than one record of a unit, or for a rejected or dropped record).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UnitFigures(String category, AssessmentFigures disclosure, AssessmentFigures efficiency, AssessmentFigures information, BigDecimal total, Integer rank) {
    }

    /**
     * One unit's record before and after. {@code changes} are the response's numbers that differ,
     * {@code clauses} the points each clause moved in the stored trail and in the candidate's
     * (present in one only, or with other points), as a replay shows them. {@code changed} is
     * {@code scoreChanged || trailOnlyChanged}.
     */
    public record UnitImpact(String recordId, String unit, String categoryName, String storedVersion, UnitFigures before, UnitFigures after,
                             BigDecimal delta, boolean changed, boolean scoreChanged, boolean trailOnlyChanged,
                             List<ReplayDiff.ValueChange> changes, List<ReplayDiff.ClauseChange> clauses) {
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

    /** A stored request the candidate rejects, with the problem it answers and the figures stored for it (no rank). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RejectedRequest(String recordId, String unit, int status, String title, String detail, String field, Object value,
                                  UnitFigures stored) {
    }

    /** A record of a unit the candidate no longer has: not evaluated, with the figures stored for it. */
    public record DroppedUnit(String recordId, String unit, String categoryName, UnitFigures stored) {
    }

    /** A unit the candidate adds: the population has no record of it, so it has no figures. */
    public record NewUnit(String unit, String category, String categoryName) {
    }

    /**
     * What the gate (the one a reload runs: data checks, compile, every scenario, rule coverage,
     * catalogue consistency) says of the candidate: the same lists as validate. {@code passed}: a
     * reload would serve it.
     */
    @Schema(description = "The gate's verdict on the candidate, as validate gives it")
    public record Gate(boolean passed, int scenariosRun, List<ReloadResult.FailedScenario> failedScenarios,
                       List<RulebookProblem> uncoveredRules, List<RulebookProblem> inconsistencies, String note) {
    }
}
