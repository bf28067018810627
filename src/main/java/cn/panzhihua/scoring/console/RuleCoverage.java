package cn.panzhihua.scoring.console;

import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import cn.panzhihua.scoring.rulebook.Verification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Which of a rulebook's own scenarios exercise each rule, as the gate found when it let the
 * serving version in (the rules whose conclusions held once a scenario's evaluation settled).
 * Nothing is run again for a page: the gate's verification is kept with the serving year.
 */
@ApplicationScoped
public class RuleCoverage {

    /** A scenario as a rule's page names it: its file and its name. */
    public record Scenario(String file, String name) {
    }

    @Inject
    Rulebooks rulebooks;

    /** The scenarios that exercise {@code rule} of {@code rulebook}; empty when none does. */
    public List<Scenario> of(Rulebook rulebook, RuleInfo rule) {
        Verification verification = rulebooks.state(rulebook.year()).map(Rulebooks.YearState::verification)
                .filter(v -> v.version().equals(rulebook.version())).orElse(null);
        if (verification == null) {
            return List.of();
        }
        return verification.scenariosFor(rule).stream().map(s -> new Scenario(s.file(), s.name())).toList();
    }
}
