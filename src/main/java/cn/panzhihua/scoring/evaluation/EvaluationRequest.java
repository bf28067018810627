package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.facts.Origin;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The body of POST /api/v1/evaluations (SPEC section 6): one unit's year of facts. */
public record EvaluationRequest(
        @Schema(description = "the unit's exact Chinese name as in table C", examples = "市发展改革委") String unit,
        @Schema(examples = "2016") Integer year,
        @Schema(description = "rubric lines, vetoes and sub-findings found; empty or absent for a clean year") List<FindingInput> findings,
        @Schema(description = "required: the information assessment applies to every unit") InformationInput information,
        @Schema(description = "the unit's own score per item (自评分), e.g. {\"D-1\": 10}; each between 0 and the item's 分值") Map<String, BigDecimal> selfScores,
        @Schema(description = "a date in the year: a progress evaluation counts only adoptions dated on or before it", examples = "2016-06-30") String asOf) {

    public record FindingInput(
            @Schema(description = "a finding code of GET /api/v1/rulebooks/{year}/clauses", examples = "D-1.2") String code,
            @Schema(description = "non-negative; default 1; 0 = checked, nothing found") Integer count,
            @Schema(description = "造成重大影响或严重后果 (I-2.1-URGENT, I-2.3: veto I-V)") Boolean serious,
            String note,
            Origin origin) {
    }

    public record InformationInput(
            @Schema(description = "exactly 12 non-negative integers, January first") List<Integer> monthlySubmissions,
            List<AdoptionInput> adoptions) {
    }

    public record AdoptionInput(
            @Schema(examples = "CITY_BULLETIN") String channel,
            @Schema(description = "ISO date inside the evaluated year", examples = "2016-03-02") String date,
            String title,
            LeaderInstruction leaderInstruction,
            @Schema(description = "only on channels with a State Council extra (GET /api/v1/rulebooks/{year}/clauses)") Boolean stateCouncilAdopted,
            @Schema(description = "issue number on a per-issue channel (e.g. CITY_DAILY_BRIEF, 《每日政情》); a number or a string", implementation = String.class) JsonNode issue,
            @Schema(description = "the adoption ledger entry it comes from (GET /api/v1/adoptions/{year}), kept in the trail as evidence") String ledgerEntry) {

        public AdoptionInput(String channel, String date, String title, LeaderInstruction leaderInstruction, Boolean stateCouncilAdopted,
                             JsonNode issue) {
            this(channel, date, title, leaderInstruction, stateCouncilAdopted, issue, null);
        }
    }
}
