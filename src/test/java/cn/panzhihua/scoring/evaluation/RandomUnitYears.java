package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.facts.Origin;
import cn.panzhihua.scoring.rulebook.Clause;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.UnitRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random but valid requests: any unit, findings of its assessments, months and adoptions. */
public final class RandomUnitYears {

    private final Rulebook rulebook;
    private final Random random;
    private final List<UnitRow> units;

    public RandomUnitYears(Rulebook rulebook, long seed) {
        this.rulebook = rulebook;
        this.random = new Random(seed);
        this.units = List.copyOf(rulebook.units().values());
    }

    public EvaluationRequest next() {
        return next(units.get(random.nextInt(units.size())));
    }

    public EvaluationRequest next(UnitRow unit) {
        List<EvaluationRequest.FindingInput> findings = new ArrayList<>();
        List<Clause> codes = rulebook.findingCodes().stream().filter(c -> unit.applies(c.assessment())).toList();
        int howMany = codes.isEmpty() ? 0 : random.nextInt(6);
        for (int i = 0; i < howMany; i++) {
            Clause code = codes.get(random.nextInt(codes.size()));
            findings.add(new EvaluationRequest.FindingInput(code.code(), random.nextInt(4), random.nextInt(8) == 0,
                    "note " + i, random.nextBoolean() ? Origin.values()[random.nextInt(Origin.values().length)] : null));
        }
        List<Integer> months = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            months.add(5 + random.nextInt(5));
        }
        List<EvaluationRequest.AdoptionInput> adoptions = new ArrayList<>();
        List<Channel> channels = rulebook.channels();
        int adopted = random.nextInt(60);
        for (int i = 0; i < adopted; i++) {
            Channel channel = channels.get(random.nextInt(channels.size()));
            LeaderInstruction instruction = LeaderInstruction.values()[random.nextInt(6) < 4 ? 0 : random.nextInt(3)];
            Boolean stateCouncil = channel.stateCouncilExtra() != null ? random.nextBoolean() : null;
            adoptions.add(new EvaluationRequest.AdoptionInput(channel.code(),
                    "%d-%02d-%02d".formatted(rulebook.year(), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                    "title " + i, instruction, stateCouncil, null));
        }
        return new EvaluationRequest(unit.name(), rulebook.year(), findings, new EvaluationRequest.InformationInput(months, adoptions), null, null);
    }
}
