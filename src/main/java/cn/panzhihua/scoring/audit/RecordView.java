package cn.panzhihua.scoring.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * How the API shows a stored record: in full, or as a line of a search result. {@code kind} says
 * whether it is an annual evaluation or a progress one (which no annual 通报 takes).
 */
public final class RecordView {

    private RecordView() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Full(String id, long seq, Instant recordedAt, String recordedBy, String unit, int year, String rulebookVersion,
                       String serviceVersion, String batchId, String previousHash, String contentHash,
                       JsonNode request, JsonNode response, RecordKind kind) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String id, long seq, Instant recordedAt, String recordedBy, String unit, int year,
                          String rulebookVersion, String batchId, BigDecimal totalContribution, RecordKind kind) {
    }
}
