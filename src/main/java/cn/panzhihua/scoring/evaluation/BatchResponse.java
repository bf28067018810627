package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.audit.Checkpoint;
import cn.panzhihua.scoring.problem.Problem;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The answer of a batch: one entry per item, in request order, with either the evaluation (status
 * 200) or the problem that rejected that item alone (status 400 or 404). A recorded batch carries the
 * signed checkpoint taken in the transaction that stored it (keep it: docs/audit.md).
 */
public record BatchResponse(String batchId, boolean recorded, int count, int succeeded, int failed, List<Item> items,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Checkpoint checkpoint) {

    /** {@code evaluation} is the evaluation's JSON exactly as written once, and stored when recorded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String unit, int status,
                       @JsonRawValue @Schema(implementation = EvaluationResponse.class) String evaluation, Problem problem) {
    }
}
