package cn.panzhihua.scoring.evaluation;

import java.util.List;

/** The body of POST /api/v1/evaluations/batch (for the API document; items are read one by one). */
public record BatchRequest(List<EvaluationRequest> items) {
}
