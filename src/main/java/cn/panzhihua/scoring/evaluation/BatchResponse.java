package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.problem.Problem;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The answer of a batch: one entry per item, in request order, with either the evaluation (status
 * 200) or the problem that rejected that item alone (status 400 or 404).
 */
public record BatchResponse(String batchId, boolean recorded, int count, int succeeded, int failed, List<Item> items) {

    /** {@code evaluation} is the evaluation's JSON exactly as written once, and stored when recorded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, String unit, int status,
                       @JsonRawValue @Schema(implementation = EvaluationResponse.class) String evaluation, Problem problem) {
    }
}
