package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.Adoption;
import cn.panzhihua.scoring.facts.Finding;
import cn.panzhihua.scoring.facts.MonthSubmission;
import cn.panzhihua.scoring.facts.SelfScore;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.UnitRow;

import java.time.LocalDate;
import java.util.List;

/** A request that passed validation, as facts ready for the rules; {@code asOf} is null for a year-end evaluation. */
public record EvaluationInput(Rulebook rulebook, UnitRow unit, List<Finding> findings,
                              List<MonthSubmission> months, List<Adoption> adoptions,
                              List<SelfScore> selfScores, LocalDate asOf) {

    public EvaluationInput(Rulebook rulebook, UnitRow unit, List<Finding> findings, List<MonthSubmission> months, List<Adoption> adoptions) {
        this(rulebook, unit, findings, months, adoptions, List.of(), null);
    }
}
