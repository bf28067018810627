package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.rulebook.RuleInfo;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookException;
import cn.panzhihua.scoring.rulebook.RulebookLoader;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule authors' command: compiles a rulebook folder and runs its scenarios without starting the
 * service. Prints each scenario as PASS or FAIL (with expected against actual), then the rules no
 * scenario exercised. Exits 1 on a failing scenario, 2 when the rulebook does not load.
 *
 * <pre>java -cp … cn.panzhihua.scoring.authoring.ScenarioMain rules-drl/2016 [name-filter]</pre>
 */
public final class ScenarioMain {

    private ScenarioMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length < 1 || !Files.isDirectory(Path.of(args[0]))) {
            out.println("usage: ScenarioMain <rulebook folder, e.g. rules-drl/2016> [only scenarios whose file or name contains this]");
            System.exit(2);
        }
        String filter = args.length > 1 && args[1] != null ? args[1] : "";
        System.exit(run(Path.of(args[0]).toAbsolutePath().normalize(), filter, out));
    }

    static int run(Path folder, String filter, PrintStream out) {
        Rulebook rulebook;
        try {
            rulebook = RulebookLoader.load(folder);
        } catch (RulebookException e) {
            out.println("RULEBOOK DOES NOT LOAD");
            e.problems().forEach(p -> out.println("  " + p));
            return 2;
        }
        out.println("rulebook " + rulebook.version() + ": " + rulebook.rules().size() + " rules");
        List<ScenarioResult> results = new ScenarioRunner().runAll(rulebook).stream()
                .filter(r -> r.file().contains(filter) || r.name().contains(filter)).toList();
        int failed = 0;
        Set<String> exercised = new HashSet<>();
        for (ScenarioResult result : results) {
            exercised.addAll(result.firedRules());
            out.println((result.passed() ? "PASS " : "FAIL ") + result.file() + " :: " + result.name());
            result.failures().forEach(f -> out.println("       " + f));
            failed += result.passed() ? 0 : 1;
        }
        List<RuleInfo> unexercised = rulebook.rules().stream().filter(r -> !exercised.contains(r.key())).toList();
        out.println();
        out.println("rule coverage: " + (rulebook.rules().size() - unexercised.size()) + " of " + rulebook.rules().size()
                + " rules exercised" + (unexercised.isEmpty() ? "" : "; not exercised by any scenario:"));
        unexercised.forEach(r -> out.println("  " + r.file() + ":" + r.line() + "  " + r.name()));
        out.println();
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
