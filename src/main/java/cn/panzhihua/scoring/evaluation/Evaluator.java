package cn.panzhihua.scoring.evaluation;

import cn.panzhihua.scoring.facts.AsOf;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.LaterAdoption;
import cn.panzhihua.scoring.facts.SelfScoreCheck;
import cn.panzhihua.scoring.facts.TierProgress;
import cn.panzhihua.scoring.facts.AssessmentScore;
import cn.panzhihua.scoring.facts.Completion;
import cn.panzhihua.scoring.facts.Contribution;
import cn.panzhihua.scoring.facts.ItemScore;
import cn.panzhihua.scoring.facts.PortionScore;
import cn.panzhihua.scoring.facts.Scorecard;
import cn.panzhihua.scoring.facts.TotalContribution;
import cn.panzhihua.scoring.facts.Veto;
import cn.panzhihua.scoring.rulebook.Rulebook;
import org.kie.api.runtime.KieSession;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one unit-year through its rulebook: a clean session of the shared compiled KieBase, the
 * request's facts in, the rules fired until they settle, the derived facts and the trail out.
 * All scoring is in the rules; this class only moves facts.
 */
public final class Evaluator {

    /** Halts sessions that overrun their time budget; one daemon thread for the process. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rules-time-budget");
        thread.setDaemon(true);
        return thread;
    });

    private Evaluator() {
    }

    public static Outcome evaluate(EvaluationInput input) {
        Rulebook rulebook = input.rulebook();
        KieSession session = rulebook.sessions().open();
        TrailRecorder trail = new TrailRecorder(rulebook);
        session.addEventListener(trail);
        try {
            session.insert(input.unit().forYear(rulebook.year()));
            for (Assessment assessment : Assessment.values()) {
                if (input.unit().applies(assessment)) {
                    // The rulebook's tables as facts: the items, the lines' points, the completion tiers.
                    session.insert(new Scorecard(assessment));
                    rulebook.items(assessment).forEach(session::insert);
                    rulebook.lines(assessment).forEach(session::insert);
                    rulebook.tiers(assessment).forEach(session::insert);
                }
            }
            input.findings().forEach(session::insert);
            input.months().forEach(session::insert);
            input.selfScores().forEach(session::insert);
            if (input.asOf() == null) {
                input.adoptions().forEach(session::insert);
            } else {
                // A progress evaluation: what is dated after asOf is not counted yet, and the rules say so.
                session.insert(new AsOf(input.asOf()));
                input.adoptions().forEach(a -> session.insert(a.date().isAfter(input.asOf()) ? new LaterAdoption(a) : a));
            }
            // A rulebook whose rules keep re-triggering each other is broken: stop it rather than spin (RuleLimits).
            int limit = RuleLimits.maxFirings();
            long budget = RuleLimits.timeBudgetMillis();
            AtomicBoolean overran = new AtomicBoolean();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                overran.set(true);
                session.halt();
            }, budget, TimeUnit.MILLISECONDS);
            int fired;
            try {
                fired = session.fireAllRules(limit);
            } finally {
                watchdog.cancel(false);
            }
            if (overran.get()) {
                throw new RunawayRulesException(rulebook.year(), rulebook.version(), "its rules were still firing after the time budget of "
                        + budget + " ms (" + fired + " firings)");
            }
            if (fired >= limit) {
                throw new RunawayRulesException(rulebook.year(), rulebook.version(), "its rules fired " + limit
                        + " times, the firing limit, without settling");
            }
            // Every result is a derived fact, and the recorder holds exactly those that stand once the rules settled.
            List<TotalContribution> totals = trail.derived(TotalContribution.class);
            return new Outcome(input, trail.derived(ItemScore.class), trail.derived(AssessmentScore.class),
                    trail.derived(Contribution.class), trail.derived(Veto.class), trail.derived(Completion.class),
                    trail.derived(PortionScore.class), trail.derived(TierProgress.class), trail.derived(SelfScoreCheck.class),
                    totals.isEmpty() ? BigDecimal.ZERO : totals.get(0).points(), trail.entries(), trail.effects(), trail.settledRules(), fired);
        } finally {
            session.removeEventListener(trail);
            session.dispose();
        }
    }
}
