package cn.panzhihua.scoring.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The rows of the assessment year's tables (V5__campaign.sql), as read. */
final class CampaignRows {

    private CampaignRows() {
    }

    record Year(int year, LocalDate selfDue, LocalDate publishFrom, LocalDate publishTo, Stage stage, String scoringBatch,
                Instant scoredAt, String noticeJson, Instant publishedAt, Long publishedCheckpoint, Instant confirmedAt,
                Long confirmedCheckpoint, String handoverJson, String handoverSha256, String openedBy, Instant openedAt) {
    }

    record Unit(String unit, LocalDate reopenedUntil, String reopenReason, String factsJson, int factsVersion, String recordId) {
    }

    record SelfScore(String unit, String item, int version, BigDecimal selfScore, String explanation, String submittedBy,
                     Instant submittedAt, String eventId) {
    }

    record File(String id, String unit, String purpose, String subject, String originalName, String mediaType, long size,
                String sha256, String uploadedBy, Instant uploadedAt, String eventId) {
    }

    record Objection(String id, String unit, String subject, String reasons, String status, String filedBy, Instant filedAt,
                     String decidedBy, Instant decidedAt, String decisionReason, String correctedRecordId, String previousRecordId) {
    }

    record Remembered(int status, String body) {
    }
}
