package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.Item;
import org.kie.api.KieBase;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One year's compiled rulebook: the KieBase every evaluation of that year runs on, and the data
 * (units, items, clauses) the rules and the API share. Immutable: a reload builds a new one.
 *
 * @param version  what responses show: the year and the start of {@code sha256}
 * @param sha256   content hash over the rulebook's files (relative paths and bytes)
 * @param rules    every compiled rule with its metadata, in file order
 * @param files    the files the hash covers, relative to the year folder
 */
public record Rulebook(int year, String version, String sha256, String title, String document,
                       KieBase kieBase, Map<String, UnitRow> units, List<Item> items, Map<String, Clause> clauses,
                       List<RuleInfo> rules, List<String> files, Instant loadedAt) {

    public Optional<UnitRow> unit(String name) {
        return Optional.ofNullable(units.get(name));
    }

    public List<Item> items(Assessment assessment) {
        return items.stream().filter(i -> i.assessment() == assessment).toList();
    }

    public Optional<Clause> clause(String code) {
        return Optional.ofNullable(clauses.get(code));
    }

    public List<Clause> findingCodes() {
        return clauses.values().stream().filter(Clause::isFindingCode).toList();
    }

    public List<Clause> channels() {
        return clauses.values().stream().filter(Clause::isChannel).toList();
    }
}
