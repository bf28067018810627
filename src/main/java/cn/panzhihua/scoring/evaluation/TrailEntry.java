package cn.panzhihua.scoring.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/**
 * One line of the explanation trail: the rule that fired, the clause of the document it applies
 * (with the clause's text), what it moved and the evidence it matched.
 *
 * @param kind        DEDUCTION, CAP, TALLY, NOT_COUNTED, TIER, VETO or CONVERSION: the unit of {@code points}
 * @param points      score points for DEDUCTION, CAP and TIER (on {@code item}); adoption points for
 *                    TALLY; contribution points for CONVERSION; null for VETO and NOT_COUNTED
 * @param level       MUNICIPAL or PROVINCIAL for adoption tallies and tiers
 * @param finding     the finding code that triggered the rule when it is not the clause (I-2.1-DUP)
 * @param note        the interpretation the rule makes, where the document is ambiguous (SPEC section 5)
 * @param location    the DRL file and line of the rule in the rulebook version that produced it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrailEntry(int seq, String rule, String clause, String source, String text,
                         @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal points,
                         List<String> evidence, String kind, String assessment, String item, String level,
                         String finding, String note, String location) {
}
