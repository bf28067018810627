package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.Adoption;
import cn.panzhihua.scoring.facts.Finding;
import cn.panzhihua.scoring.facts.MonthSubmission;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.UnitRow;

import java.util.List;

/** A request that passed validation, as facts ready for the rules. */
public record EvaluationInput(Rulebook rulebook, UnitRow unit, List<Finding> findings,
                              List<MonthSubmission> months, List<Adoption> adoptions) {
}
