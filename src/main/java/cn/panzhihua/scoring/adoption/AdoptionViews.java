package cn.panzhihua.scoring.adoption;

import cn.panzhihua.scoring.facts.LeaderInstruction;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the adoption ledger's operations take and answer (docs/adoptions.md). */
public final class AdoptionViews {

    private AdoptionViews() {
    }

    @Schema(description = "One adoption as it happened: the fields of information.adoptions of an evaluation request, with its unit")
    public record EntryRequest(
            @Schema(description = "the unit's exact Chinese name as in table C", examples = "市财政局") String unit,
            @Schema(description = "a channel of the year's channels.tsv (GET /api/v1/rulebooks/{year}/clauses)", examples = "CITY_BULLETIN") String channel,
            @Schema(description = "the publication's issue (期号); a number or a string", implementation = String.class, examples = "12") JsonNode issue,
            @Schema(description = "ISO date inside the ledger's year", examples = "2016-03-02") String date,
            @Schema(description = "the title of the adopted information", examples = "市财政局推进预算公开") String title,
            LeaderInstruction leaderInstruction,
            @Schema(description = "adopted by the State Council office (国办); only on channels with a State Council extra") Boolean stateCouncilAdopted) {
    }

    @Schema(description = "A correction: the entry is reversed (taken back) and, if a replacement is given, replaced by it")
    public record CorrectionRequest(
            @Schema(description = "why the entry is corrected", examples = "期号录错：应为第13期") String reason,
            @Schema(description = "the entry as it should have been; absent when the entry is only taken back") EntryRequest replacement) {
    }

    @Schema(description = "A unit's count of information submitted (报送) in one month")
    public record SubmissionRequest(
            @Schema(examples = "市财政局") String unit,
            @Schema(description = "1 (January) to 12", examples = "3") Integer month,
            @Schema(description = "pieces of information submitted that month, a non-negative integer", examples = "7") Integer count,
            @Schema(description = "required when the month already has a count: why it changes") String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One ledger entry: an adoption, or the reversal of one")
    public record EntryView(String id, long number, String kind, String unit, String channel, String channelName, String level,
                            String issue, LocalDate date, String title, LeaderInstruction leaderInstruction, Boolean stateCouncilAdopted,
                            String reverses, String replaces, String reason, String reversedBy, boolean counted,
                            String recordedBy, Instant recordedAt, String eventId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A unit's monthly submission counts: the latest version of each month entered")
    public record UnitMonths(String unit, java.util.Map<Integer, Integer> months, List<SubmissionView> versions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubmissionView(String unit, int month, int version, int count, String reason, String recordedBy, Instant recordedAt,
                                 String eventId) {
    }

    @Schema(description = "The adoption ledger of a year (or of one unit)")
    public record LedgerView(int year, String unit, int entries, int counted, List<EntryView> items, List<UnitMonths> submissions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "What a write to the ledger did: the event that records it and the entries it made")
    public record WriteView(int year, String event, String eventId, List<EntryView> entries, SubmissionView submission) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One adoption portion up to the quarter's end, as the evaluation engine scores it")
    public record QuarterPortion(BigDecimal target, BigDecimal earned, BigDecimal completion, int tier, Integer nextTier,
                                 BigDecimal pointsToNextTier, BigDecimal score, BigDecimal pace, boolean behindPace) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "A unit's line of the quarterly 通报")
    public record QuarterRow(String unit, String category, int rank, QuarterPortion municipal, QuarterPortion provincial,
                             BigDecimal adoptionScore, BigDecimal adoptionMax, boolean behindPace) {
    }

    @Schema(description = "The quarterly adoption 通报: per unit its tallies up to the quarter's end, ranked within its category")
    public record QuarterView(int year, int quarter, LocalDate asOf, String rulebookVersion, int units, int counted,
                              List<String> behindPace, List<QuarterRow> rows) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One problem of an imported row: the column (its heading in the file), the value found and what is wrong")
    public record CellProblem(String column, Object value, String message, List<String> suggestions) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One row of an imported file and what the import does with it")
    public record ImportRow(int row, String outcome, String unit, String channel, String issue, String date, String title,
                            List<String> notes, List<CellProblem> problems, String entry) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "An import's preview, or what its commit stored")
    public record ImportView(int year, boolean committed, int rows, int added, int alreadyEntered, int blank, int refused,
                             Map<String, String> columns, List<String> unknownColumns, List<ImportRow> items, String eventId) {
    }
}
