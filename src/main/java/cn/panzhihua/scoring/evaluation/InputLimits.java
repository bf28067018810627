package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.problem.ProblemException;

import java.util.List;

/**
 * What one request may hold: service configuration ({@code limits.*}, see application.properties and
 * docs/security.md), not rubric knowledge. They keep the cost of a request proportionate: a unit-year
 * past them is answered 413 before it is validated or evaluated, and nothing is stored.
 *
 * @param body           bytes of one evaluation request's body
 * @param batchBody      bytes of a batch request's body
 * @param batchItems     items of a batch
 * @param adoptions      adoption records of one unit-year
 * @param findings       findings of one unit-year
 * @param selfScores     self-scores of one unit-year (one per item: a rulebook has a few dozen items at most)
 * @param noteLength     characters of a finding's note
 * @param titleLength    characters of an adoption's title or issue
 * @param count          the largest count of one finding, of all findings with one code together, and of a month's submissions
 * @param decimalPlaces  digits after the decimal point of a decimal input (a self-score)
 * @param decimalDigits  significant digits of a decimal input
 */
public record InputLimits(long body, long batchBody, int batchItems, int adoptions, int findings, int selfScores, int noteLength,
                          int titleLength, int count, int decimalPlaces, int decimalDigits) {

    /** The shipped settings; also what code outside the service (scenario runner, tests) applies. */
    public static final InputLimits DEFAULTS = new InputLimits(1024 * 1024, 4 * 1024 * 1024, 200, 2000, 500, 100,
            2000, 500, 1000, 6, 15);

    /** 413 naming the first part of the request past a limit; checked before anything else is. */
    void checkSize(EvaluationRequest request) {
        if (request == null) {
            return;
        }
        List<EvaluationRequest.FindingInput> findings = request.findings();
        if (findings != null) {
            if (findings.size() > this.findings) {
                throw tooMany("findings", findings.size(), this.findings, "findings", "limits.findings");
            }
            for (int i = 0; i < findings.size(); i++) {
                EvaluationRequest.FindingInput finding = findings.get(i);
                if (finding != null) {
                    tooLong("findings[" + i + "].note", finding.note(), noteLength, "limits.note-length");
                }
            }
        }
        if (request.selfScores() != null && request.selfScores().size() > selfScores) {
            throw tooMany("selfScores", request.selfScores().size(), selfScores, "self-scores", "limits.self-scores");
        }
        List<EvaluationRequest.AdoptionInput> adoptions = request.information() == null ? null : request.information().adoptions();
        if (adoptions != null) {
            if (adoptions.size() > this.adoptions) {
                throw tooMany("information.adoptions", adoptions.size(), this.adoptions, "adoption records", "limits.adoptions");
            }
            for (int i = 0; i < adoptions.size(); i++) {
                EvaluationRequest.AdoptionInput adoption = adoptions.get(i);
                if (adoption != null) {
                    tooLong("information.adoptions[" + i + "].title", adoption.title(), titleLength, "limits.title-length");
                    if (adoption.issue() != null && adoption.issue().isTextual()) {
                        tooLong("information.adoptions[" + i + "].issue", adoption.issue().asText(), titleLength, "limits.title-length");
                    }
                }
            }
        }
    }

    private static ProblemException tooMany(String field, int size, int limit, String what, String setting) {
        return ProblemException.tooLarge(field, size, field + " has " + size + " " + what + "; this service accepts at most "
                + limit + " per unit-year (" + setting + ")");
    }

    /** Characters are counted as people count them (code points): an emoji is one, not two UTF-16 units (issue 18 §4). */
    private static void tooLong(String field, String text, int limit, String setting) {
        if (text != null && text.length() > limit) {
            int characters = text.codePointCount(0, text.length());
            if (characters > limit) {
                throw ProblemException.tooLarge(field, text, field + " has " + characters + " characters; this service accepts at most "
                        + limit + " (" + setting + ")");
            }
        }
    }
}
