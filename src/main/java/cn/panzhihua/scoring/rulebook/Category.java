package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;

import java.util.Map;
import java.util.Optional;

/** A unit category of the rulebook (categories.tsv): its name and, per assessment that applies, the table it is scored on. */
public record Category(String code, String name, Map<Assessment, Table> tables) {

    public Category {
        tables = Map.copyOf(tables);
    }

    public boolean applies(Assessment assessment) {
        return tables.containsKey(assessment);
    }

    public Optional<Table> table(Assessment assessment) {
        return Optional.ofNullable(tables.get(assessment));
    }
}
