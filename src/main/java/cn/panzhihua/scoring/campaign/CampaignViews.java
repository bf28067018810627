package cn.panzhihua.scoring.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the assessment year's operations take and answer (docs/campaign.md). */
public final class CampaignViews {

    private CampaignViews() {
    }

    @Schema(description = "The dates of an assessment year, ISO yyyy-mm-dd in the city's time zone")
    public record OpenRequest(
            @Schema(description = "the last day units may submit their self-assessment", examples = "2017-01-15") String selfAssessmentDue,
            @Schema(description = "the first day of the publication (公示)", examples = "2017-02-01") String publicationFrom,
            @Schema(description = "the last day of the publication; objections are accepted up to it", examples = "2017-02-07") String publicationTo) {
    }

    @Schema(description = "A unit's self-assessment of one item (自评)")
    public record SelfAssessmentRequest(
            @Schema(description = "the unit's own score of the item, between 0 and the item's 分值", examples = "10") BigDecimal selfScore,
            @Schema(description = "自评说明: what the unit did, in its own words", examples = "主要负责同志听取专题汇报2次，明确分管领导和专人负责") String explanation) {
    }

    @Schema(description = "The office reopens one unit's self-assessment after the due date")
    public record ReopenRequest(@Schema(description = "why, in writing") String reason,
                                @Schema(description = "the last day the unit may submit again", examples = "2017-01-20") String until) {
    }

    @Schema(description = "A unit's objection (异议) to its published result")
    public record ObjectionRequest(@Schema(description = "the item or clause objected to", examples = "E-1") String subject,
                                   @Schema(description = "the unit's reasons") String reasons) {
    }

    @Schema(description = "The office's decision on an objection")
    public record DecisionRequest(@Schema(description = "UPHELD or REJECTED") String outcome,
                                  @Schema(description = "the written reason (required when rejected)") String reason,
                                  @Schema(description = "UPHELD: the unit's corrected facts, {findings, information} as in an evaluation request") JsonNode facts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileView(String id, String purpose, String subject, String name, String mediaType, long size, String sha256,
                           String uploadedBy, Instant uploadedAt, String download) {
    }

    public record SelfScoreView(int version, BigDecimal selfScore, String explanation, String submittedBy, Instant submittedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SelfItemView(String code, String name, BigDecimal max, SelfScoreView current, List<SelfScoreView> versions,
                           List<FileView> files) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectionView(String id, String unit, String subject, String reasons, String status, String filedBy, Instant filedAt,
                                Long daysLeft, String decidedBy, Instant decidedAt, String decisionReason, String previousRecordId,
                                String correctedRecordId, List<FileView> files) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnitStatus(String unit, String category, int itemsExpected, int itemsSubmitted, Instant lastSubmittedAt, boolean late,
                             LocalDate reopenedUntil, boolean factsRecorded, String recordId, BigDecimal totalContribution,
                             int openObjections) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record YearView(int year, Stage stage, LocalDate today, LocalDate selfAssessmentDue, LocalDate publicationFrom,
                           LocalDate publicationTo, String openedBy, Instant openedAt, String scoringBatch, Instant scoredAt,
                           Instant publishedAt, Long publishedCheckpoint, Instant confirmedAt, Long confirmedCheckpoint,
                           String handoverSha256, int units, int unitsSubmitted, int unitsLate, int unitsScored,
                           List<ObjectionView> objections, String nextAction, List<UnitStatus> unitStatus) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnitPageView(int year, String unit, String category, Stage stage, LocalDate today, LocalDate selfAssessmentDue,
                           LocalDate reopenedUntil, String reopenReason, boolean submissionOpen, List<SelfItemView> items,
                           List<FileView> officeFiles, EvaluationView evaluation, List<ObjectionView> objections) {
    }

    @Schema(description = "An evaluation of record: the decision record, the request it was built from and its response")
    public record EvaluationView(String recordId, String batchId, Instant recordedAt, BigDecimal totalContribution,
                                 JsonNode request, JsonNode response) {
    }

    @Schema(description = "The answer to a step of the year: what it did and the event that records it")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(int year, String step, Stage stage, String unit, String eventId, Long checkpoint, String detail,
                           Object result) {
    }

    @Schema(description = "The 公示 of a year: the 通报 of its evaluations of record, its period and its checkpoint")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoticeView(int year, Stage stage, LocalDate publicationFrom, LocalDate publicationTo, Instant publishedAt,
                             Long checkpoint, JsonNode report, JsonNode changes) {
    }

    public record EventView(long seq, String id, Instant recordedAt, String recordedBy, String unit, String contentHash, JsonNode event) {
    }
}
