package cn.panzhihua.scoring.rulebook;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles DRL text into a KieBase. Each file is written into the KieFileSystem under a folder named
 * after its DRL package (what Drools expects), and compiler messages are mapped back to the
 * author's own file names.
 */
public final class DrlCompiler {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
    private static final AtomicLong BUILDS = new AtomicLong();

    /** A DRL source: the name to report it under and its text. */
    public record Source(String file, String text) {
    }

    /** The outcome: a KieBase when nothing is at ERROR level, and every message either way. */
    public record Result(KieBase kieBase, List<RulebookProblem> errors, List<RulebookProblem> warnings) {

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private DrlCompiler() {
    }

    public static Result compile(List<Source> sources) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // Each build gets its own release id so that builds of different years, or reloads, never
        // replace each other in the KieRepository; the module is removed again once its base exists.
        ReleaseId releaseId = ks.newReleaseId("cn.panzhihua.rulebook", "build-" + BUILDS.incrementAndGet(), "1.0.0");
        kfs.generateAndWritePomXML(releaseId);
        Map<String, String> displayByPath = new HashMap<>();
        List<RulebookProblem> errors = new ArrayList<>();
        for (Source source : sources) {
            String fileName = source.file().substring(source.file().lastIndexOf('/') + 1);
            Matcher m = PACKAGE.matcher(source.text());
            String folder = m.find() ? m.group(1).replace('.', '/') : "";
            String path = "src/main/resources/" + (folder.isEmpty() ? "" : folder + "/") + fileName;
            if (displayByPath.putIfAbsent(path, source.file()) != null) {
                errors.add(new RulebookProblem(source.file(), 0, 0, "has the same package and file name as "
                        + displayByPath.get(path) + "; rename one of them"));
                continue;
            }
            displayByPath.put(path.substring("src/main/resources/".length()), source.file());
            kfs.write(path, source.text());
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors, List.of());
        }
        ClassLoader classLoader = RememberingClassLoader.forApplication();
        KieBuilder builder = ks.newKieBuilder(kfs, classLoader).buildAll();
        List<RulebookProblem> warnings = new ArrayList<>();
        for (Message message : builder.getResults().getMessages()) {
            String file = message.getPath() == null ? "(rulebook)" : displayByPath.getOrDefault(message.getPath(), message.getPath());
            RulebookProblem problem = new RulebookProblem(file, Math.max(message.getLine(), 0), Math.max(message.getColumn(), 0),
                    message.getText().strip());
            (message.getLevel() == Message.Level.ERROR ? errors : warnings).add(problem);
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors, warnings);
        }
        KieContainer container = ks.newKieContainer(releaseId, classLoader);
        KieBase kieBase = container.getKieBase();
        ks.getRepository().removeKieModule(releaseId);
        return new Result(kieBase, List.of(), warnings);
    }
}
