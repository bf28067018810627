package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.Deduction;
import cn.panzhihua.scoring.facts.Effect;
import cn.panzhihua.scoring.facts.Quote;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Records, in firing order, every fact a rule inserted and the rule that inserted it; the
 * {@link Effect}s among them are the trail.
 * Derived facts are inserted logically: when a rule fires again on more complete data (a sum that
 * grew), the engine retracts what its earlier firing derived, and so does this record. The trail is
 * what holds when the rules have settled, which is exactly what the response reports.
 */
final class TrailRecorder implements RuleRuntimeEventListener {

    private record Recorded(Rule rule, Object fact) {
    }

    private final Map<FactHandle, Recorded> live = new LinkedHashMap<>();
    private final Rulebook.Sessions rules;

    TrailRecorder(Rulebook rulebook) {
        this.rules = rulebook.sessions();
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (event.getRule() != null) {
            live.put(event.getFactHandle(), new Recorded(event.getRule(), event.getObject()));
        }
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        live.remove(event.getFactHandle());
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // facts are immutable records: nothing is ever updated in place
    }

    List<TrailEntry> entries() {
        List<TrailEntry> entries = new ArrayList<>(live.size());
        for (Recorded recorded : live.values()) {
            if (!(recorded.fact() instanceof Effect effect)) {
                continue;
            }
            RuleInfo info = info(recorded.rule());
            String finding = effect instanceof Deduction d && !d.finding().equals(d.clause()) ? d.finding() : null;
            // A rule that applies a table's rows (every channel, every tier) quotes the row it applied.
            Quote quote = effect.quote();
            entries.add(new TrailEntry(entries.size() + 1, info.name(), info.clause(),
                    quote == null ? info.source() : quote.source(), quote == null ? info.text() : quote.text(),
                    effect.points(), effect.evidence(), effect.kind().name(), effect.assessment().jsonName(), effect.item(),
                    effect.level() == null ? null : effect.level().name(), finding,
                    quote == null ? info.note() : quote.note(), info.location()));
        }
        return entries;
    }

    /** The derived facts of one type that hold once the rules settled, in the order they were derived. */
    List<Effect> effects() {
        return derived(Effect.class);
    }

    /** The derived facts of one type that hold once the rules settled, in the order they were derived. */
    <T> List<T> derived(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Recorded recorded : live.values()) {
            if (type.isInstance(recorded.fact())) {
                out.add(type.cast(recorded.fact()));
            }
        }
        return out;
    }

    /** The catalogue's entry for a fired rule (metadata and location, read once when the rulebook was built). */
    private RuleInfo info(Rule rule) {
        RuleInfo info = rules.rule(rule.getPackageName(), rule.getName());
        if (info == null) {
            // Every compiled rule is catalogued when the rulebook is built; a miss is a defect here, not in the request.
            throw new IllegalStateException("rule " + rule.getPackageName() + "/" + rule.getName() + " is not in the rulebook's catalogue");
        }
        return info;
    }

    /** The rules whose derived facts hold once the rules settled (by {@link RuleInfo#key()}): what a scenario really exercised. */
    Set<String> settledRules() {
        Set<String> keys = new LinkedHashSet<>();
        live.values().forEach(r -> keys.add(RuleInfo.key(r.rule().getPackageName(), r.rule().getName())));
        return keys;
    }
}
