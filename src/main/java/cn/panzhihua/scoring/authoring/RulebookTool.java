package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.JsonSetup;
import cn.panzhihua.scoring.rulebook.Rulebook;
import cn.panzhihua.scoring.rulebook.RulebookProblem;
import cn.panzhihua.scoring.rulebook.RulebookSource;
import cn.panzhihua.scoring.rulebook.Rulebooks;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rule authors' command-line tool, shipped with the packaged service and run without starting
 * it ({@code bin/rulebook}): a year folder through the same gate a reload runs (data checks, compile,
 * every scenario, rule coverage, catalogue consistency), and the approve mode.
 *
 * <pre>
 * bin/rulebook test rules-drl/2017                      the whole gate
 * bin/rulebook test rules-drl/2017 --filter E-CAP       only scenarios whose file or name contains E-CAP
 * bin/rulebook test rules-drl/2017 --approve            what each failing scenario now expects (old → new)
 * bin/rulebook test rules-drl/2017 --approve --write    … and rewrite those expected values in the scenario files
 * </pre>
 *
 * Exit codes: 0 passed; 1 the rulebook builds but fails the gate (scenarios, coverage, consistency);
 * 2 it does not build (data or DRL errors); 64 the command was wrong.
 */
public final class RulebookTool {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int DOES_NOT_BUILD = 2;
    static final int USAGE = 64;

    private final PrintStream out;
    private boolean timing;

    public RulebookTool(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int code = new RulebookTool(out).run(args);
        out.flush();
        // Drools and the common pool leave non-daemon-free threads alone; the answer is the exit code.
        System.exit(code);
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage();
            return args.length == 0 ? USAGE : PASSED;
        }
        if (!args[0].equals("test")) {
            out.println("unknown command '" + args[0] + "'");
            usage();
            return USAGE;
        }
        Path folder = null;
        String filter = null;
        boolean approve = false;
        boolean write = false;
        boolean verbose = false;
        boolean timing = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--filter" -> {
                    if (i + 1 >= args.length) {
                        out.println("--filter needs a text: the scenarios whose file or name contains it run");
                        return USAGE;
                    }
                    filter = args[++i];
                }
                case "--approve" -> approve = true;
                case "--write" -> write = true;
                case "--verbose", "-v" -> verbose = true;
                case "--timing" -> timing = true;
                default -> {
                    if (args[i].startsWith("--") || folder != null) {
                        out.println("unknown option '" + args[i] + "'");
                        usage();
                        return USAGE;
                    }
                    folder = Path.of(args[i]);
                }
            }
        }
        if (folder == null || !Files.isDirectory(folder) || !Rulebooks.isYear(folder.toAbsolutePath().normalize().getFileName().toString())) {
            out.println(folder == null ? "which rulebook? e.g. rulebook test rules-drl/2017"
                    : folder + " is not a rulebook folder (a folder named after its year, such as rules-drl/2017)");
            return USAGE;
        }
        if (write && !approve) {
            out.println("--write rewrites what --approve shows: give both");
            return USAGE;
        }
        this.timing = timing;
        return test(folder.toAbsolutePath().normalize(), filter == null || filter.isEmpty() ? null : filter, approve, write, verbose);
    }

    private int test(Path folder, String filter, boolean approve, boolean write, boolean verbose) {
        long start = System.nanoTime();
        RulebookGate gate = new RulebookGate(ToolCache.open());
        ScenarioRunner.Filter only = filter == null ? null : (file, name) -> file.contains(filter) || name.contains(filter);
        GateResult result = gate.check(RulebookSource.read(folder), only);
        if (result.rulebook() == null) {
            out.println("rulebook " + folder.getFileName() + " does not build: " + result.compileErrors().size() + " error(s)");
            result.compileErrors().forEach(p -> out.println("  " + p));
            return DOES_NOT_BUILD;
        }
        Rulebook rulebook = result.rulebook();
        out.println("rulebook " + rulebook.version() + " (" + folder + "): " + rulebook.rules().size() + " rules, "
                + rulebook.units().size() + " units, " + rulebook.channels().size() + " channels");
        int failed = 0;
        for (ScenarioResult scenario : result.scenarios()) {
            if (!scenario.passed()) {
                failed++;
                if (!approve) {
                    out.println("FAIL " + scenario.file() + " :: " + scenario.name());
                    scenario.failures().forEach(f -> out.println("       " + f));
                }
            } else if (verbose) {
                out.println("PASS " + scenario.file() + " :: " + scenario.name());
            }
        }
        if (approve) {
            int written = approve(folder, result, write);
            if (written < 0) {
                return FAILED;
            }
            if (written > 0) {
                out.println();
                out.println("the gate again, with the rewritten scenarios:");
                return test(folder, filter, false, false, verbose);
            }
        }
        section("rules no scenario exercises", result.uncoveredRules(),
                filter == null ? "every rule and table row is exercised by some scenario" : "not checked: --filter runs only some scenarios");
        section("numbers that disagree", result.inconsistencies(), "quoted texts, catalogue and effects agree");
        int passed = result.scenarios().size() - failed;
        boolean ok = failed == 0 && result.uncoveredRules().isEmpty() && result.inconsistencies().isEmpty();
        out.println();
        if (timing) {
            long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - start) / 1_000_000;
            out.println("timing: JVM start to the gate " + jvm + " ms; " + gate.timings());
        }
        out.println(passed + " passed, " + failed + " failed" + (filter == null ? "" : " (scenarios matching \"" + filter + "\")")
                + "; " + (ok ? "PASSED" : "FAILED") + " in " + seconds(start));
        return ok ? PASSED : FAILED;
    }

    /** Shows (and with write, applies) what the failing scenarios now expect; the number of values rewritten, -1 if writing failed. */
    private int approve(Path folder, GateResult result, boolean write) {
        List<Approval.Review> reviews = Approval.review(result.scenarios(), result.rulebook());
        List<Approval.Review> approvable = reviews.stream().filter(r -> r.notApprovable() == null && !r.changes().isEmpty()).toList();
        int values = approvable.stream().mapToInt(r -> r.changes().size()).sum();
        out.println();
        out.println("approve: " + values + " value(s) changed in " + approvable.size() + " scenario(s)");
        for (Approval.Review review : approvable) {
            out.println("  " + review.scenario().file() + " :: " + review.scenario().name());
            review.changes().forEach(c -> out.println("      " + c.describe()));
        }
        List<Approval.Review> blocked = reviews.stream().filter(r -> r.notApprovable() != null).toList();
        if (!blocked.isEmpty()) {
            out.println("not approvable, look at these by hand:");
            blocked.forEach(r -> out.println("  " + r.scenario().file() + " :: " + r.scenario().name() + "\n      " + r.notApprovable()));
        }
        List<Approval.Review> reread = reviews.stream().filter(r -> r.reread() != null).toList();
        if (!reread.isEmpty()) {
            out.println("purpose may no longer hold, re-read:");
            reread.forEach(r -> out.println("  " + r.scenario().file() + " :: " + r.scenario().name() + "\n      " + r.reread()));
        }
        List<Approval.Review> stale = reviews.stream().filter(r -> !r.falseNumbers().isEmpty()).toList();
        if (!stale.isEmpty()) {
            // Listed before --write (and again with it): approve rewrites values, never prose, so the author must.
            out.println("names and reasons that state a number the change makes false (" + stale.size() + " scenario(s)), correct them by hand:");
            stale.forEach(r -> out.println("  " + r.scenario().file() + " :: " + r.scenario().name() + "\n      "
                    + String.join("\n      ", r.falseNumbers())));
        }
        if (!write) {
            if (values > 0) {
                out.println("run again with --approve --write to rewrite these " + values + " value(s); the scenarios keep their names,"
                        + " so where a name works the old numbers out, update it too");
            }
            return 0;
        }
        ObjectMapper mapper = JsonSetup.mapper();
        int written = 0;
        for (Map.Entry<String, List<Approval.Review>> file : Approval.byFile(approvable).entrySet()) {
            // Scenario files are named with their year folder, e.g. 2017/efficiency/table.scenarios.json.
            Path path = folder.resolve(file.getKey().substring(file.getKey().indexOf('/') + 1));
            try {
                Files.writeString(path, Approval.rewrite(Files.readString(path, StandardCharsets.UTF_8), file.getValue(), mapper), StandardCharsets.UTF_8);
                written += file.getValue().stream().mapToInt(r -> r.changes().size()).sum();
            } catch (IOException e) {
                out.println("could not rewrite " + path + ": " + e.getMessage());
                return -1;
            }
        }
        out.println("rewrote " + written + " value(s) in " + Approval.byFile(approvable).size() + " file(s)");
        return written;
    }

    private void section(String title, List<RulebookProblem> problems, String none) {
        if (problems.isEmpty()) {
            out.println(none);
            return;
        }
        out.println(title + ":");
        problems.forEach(p -> out.println("  " + p));
    }

    private static String seconds(long start) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
    }

    private void usage() {
        out.println("""
                usage: rulebook test <year folder> [--filter TEXT] [--approve [--write]] [--verbose]
                  runs the folder through the gate a reload runs: data checks, compile, every scenario,
                  rule coverage, catalogue consistency.
                  --filter TEXT      only the scenarios whose file or name contains TEXT
                  --approve          after a deliberate change: each failing scenario's values, old -> new
                  --approve --write  ... and rewrite those values in the scenario files
                  --verbose          list passing scenarios too
                  --timing           where the time went (JVM start, build, scenarios, checks)
                exit codes: 0 passed, 1 failed the gate, 2 does not build, 64 wrong command""");
    }
}
