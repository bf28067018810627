package cn.panzhihua.scoring.authoring;

import cn.panzhihua.scoring.facts.Effect;
import cn.panzhihua.scoring.rulebook.RuleInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/rulebook-reference.md, what rules may match and insert, is generated from the code: the
 * fact types of cn.panzhihua.scoring.facts with their fields, constructors and helpers (from the
 * classes) and their meaning (from their Javadoc), and the rule metadata the service reads. This
 * test fails when the committed file is stale; {@code -Dreference.write=true} rewrites it:
 * <pre>./mvnw -q test -Dtest=RulebookReferenceTest -Dreference.write=true</pre>
 */
class RulebookReferenceTest {

    static final Path REFERENCE = Path.of("docs/rulebook-reference.md");
    private static final Path FACTS = Path.of("src/main/java/cn/panzhihua/scoring/facts");
    private static final String PACKAGE = "cn.panzhihua.scoring.facts.";

    /** What the service inserts for an evaluation; everything else of the package is derived by the rules. */
    private static final List<String> INPUT = List.of("UnitYear", "Scorecard", "Item", "Line", "Tier", "Finding", "MonthSubmission",
            "Adoption", "Channel", "SelfScore", "AsOf", "LaterAdoption");

    @Test
    void theCommittedReferenceIsGeneratedFromTheCurrentCode() throws Exception {
        String generated = generate();
        if (Boolean.getBoolean("reference.write")) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(REFERENCE) ? Files.readString(REFERENCE, StandardCharsets.UTF_8) : "";
        assertEquals(generated, committed, REFERENCE + " is stale: regenerate it with "
                + "./mvnw -q test -Dtest=RulebookReferenceTest -Dreference.write=true");
    }

    static String generate() throws Exception {
        List<String> names;
        try (Stream<Path> files = Files.list(FACTS)) {
            names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".java"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        }
        StringBuilder out = new StringBuilder();
        out.append("# Rulebook reference: what rules match and insert\n\n");
        out.append("Generated from the code by `RulebookReferenceTest` (it fails when this file is stale; regenerate with\n");
        out.append("`./mvnw -q test -Dtest=RulebookReferenceTest -Dreference.write=true`). Every type is in the package\n");
        out.append("`cn.panzhihua.scoring.facts`, which every DRL file imports (`import cn.panzhihua.scoring.facts.*;`).\n");
        out.append("How to write rules and scenarios: [authoring.md](authoring.md).\n\n");
        out.append("- [Facts the service inserts](#facts-the-service-inserts)\n");
        out.append("- [Facts the rules derive](#facts-the-rules-derive) (those marked *effect* become trail entries)\n");
        out.append("- [Values](#values)\n");
        out.append("- [Rule metadata](#rule-metadata)\n\n");
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            types.add(Class.forName(PACKAGE + name));
        }
        out.append("## Facts the service inserts\n\n");
        out.append("For one unit's year: the unit, a `Scorecard` and the items, lines and tiers of each assessment that\n");
        out.append("applies (from the rulebook's tables), and the request's findings, months, adoptions and self-scores.\n\n");
        for (String name : INPUT) {
            type(out, Class.forName(PACKAGE + name));
        }
        out.append("## Facts the rules derive\n\n");
        out.append("Inserted with `insertLogical`. A derived fact that is an `Effect` becomes one trail entry: its rule's name,\n");
        out.append("clause, source and text (or, for a rule that applies a table's rows, the row's), its `points` and `evidence`.\n\n");
        for (Class<?> type : types) {
            if (!INPUT.contains(type.getSimpleName()) && (type.isRecord() || type.isInterface()) && !type.isEnum()
                    && !type.getSimpleName().equals("Evidenced")) {
                type(out, type);
            }
        }
        out.append("## Values\n\n");
        for (Class<?> type : types) {
            if (type.isEnum()) {
                type(out, type);
            }
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (nested.isEnum() && Modifier.isPublic(nested.getModifiers())) {
                    type(out, nested);
                }
            }
        }
        for (Class<?> type : types) {
            if (!type.isRecord() && !type.isEnum() && !type.isInterface()) {
                type(out, type);
            }
        }
        type(out, Class.forName(PACKAGE + "Evidenced"));
        out.append("## Rule metadata\n\n");
        out.append("What the service reads from a rule's `@key(\"value\")` metadata (`RuleInfo`). `clause`, `source` and `text`\n");
        out.append("are required; `clause` (and `findingCode`) must name a code of clauses.tsv.\n\n");
        out.append("| key | meaning |\n|---|---|\n");
        Map<String, String> params = params(Files.readString(Path.of("src/main/java/cn/panzhihua/scoring/rulebook/RuleInfo.java")));
        String ruleDoc = javadoc(Files.readString(Path.of("src/main/java/cn/panzhihua/scoring/rulebook/RuleInfo.java")), "RuleInfo");
        for (RecordComponent component : RuleInfo.class.getRecordComponents()) {
            String key = component.getName();
            if (Set.of("name", "packageName", "file", "line").contains(key)) {
                continue;
            }
            out.append("| `@").append(key).append("` | ").append(params.getOrDefault(key, meaning(key, ruleDoc))).append(" |\n");
        }
        out.append("\n");
        return out.toString();
    }

    private static void type(StringBuilder out, Class<?> type) throws IOException {
        Path source = FACTS.resolve(outer(type).getSimpleName() + ".java");
        String text = Files.exists(source) ? Files.readString(source, StandardCharsets.UTF_8) : "";
        String kind = type.isEnum() ? "enum" : type.isRecord() ? "record" : type.isInterface() ? "interface" : "class";
        boolean effect = Effect.class.isAssignableFrom(type) && type != Effect.class;
        out.append("### ").append(type.getSimpleName()).append("\n\n");
        out.append("*").append(kind).append(effect ? ", effect" : "").append("*");
        List<String> supers = Stream.concat(Stream.ofNullable(type.getSuperclass()).filter(c -> c.getName().startsWith(PACKAGE)),
                Arrays.stream(type.getInterfaces()).filter(c -> c.getName().startsWith(PACKAGE))).map(Class::getSimpleName).toList();
        if (!supers.isEmpty()) {
            out.append(" — ").append(String.join(", ", supers));
        }
        out.append("\n\n");
        String doc = javadoc(text, type.getSimpleName());
        if (!doc.isEmpty()) {
            out.append(doc).append("\n\n");
        }
        if (type.isEnum()) {
            out.append(Arrays.stream(type.getEnumConstants()).map(c -> "`" + ((Enum<?>) c).name() + "`").collect(Collectors.joining(", ")))
                    .append("\n\n");
            return;
        }
        if (type.isRecord()) {
            Map<String, String> params = params(text);
            out.append("| field | type | meaning |\n|---|---|---|\n");
            for (RecordComponent component : type.getRecordComponents()) {
                out.append("| `").append(component.getName()).append("` | `").append(name(component.getGenericType())).append("` | ")
                        .append(params.getOrDefault(component.getName(), "")).append(" |\n");
            }
            out.append("\n");
            List<String> constructors = new ArrayList<>();
            for (Constructor<?> constructor : type.getConstructors()) {
                constructors.add("`new " + type.getSimpleName() + "(" + Arrays.stream(constructor.getParameters())
                        .map(p -> name(p.getParameterizedType()) + " " + p.getName()).collect(Collectors.joining(", ")) + ")`");
            }
            constructors.sort(Comparator.comparingInt(String::length).reversed());
            out.append("Constructors: ").append(String.join("; ", constructors)).append("\n\n");
        }
        List<String> helpers = new ArrayList<>();
        Set<String> components = type.isRecord() ? Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet()) : Set.of();
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || method.getDeclaringClass() == Record.class || method.isSynthetic()
                    || components.contains(method.getName()) || Set.of("equals", "hashCode", "toString").contains(method.getName())
                    || method.getDeclaringClass().isEnum() || !method.getDeclaringClass().getName().startsWith(PACKAGE)) {
                continue;
            }
            helpers.add("`" + (Modifier.isStatic(method.getModifiers()) ? "static " : "") + name(method.getGenericReturnType()) + " "
                    + method.getName() + "(" + Arrays.stream(method.getParameters())
                    .map(p -> name(p.getParameterizedType()) + (p.isNamePresent() ? " " + p.getName() : "")).collect(Collectors.joining(", ")) + ")`");
        }
        if (!helpers.isEmpty()) {
            helpers.sort(null);
            out.append("Methods: ").append(String.join("; ", helpers)).append("\n\n");
        }
    }

    private static Class<?> outer(Class<?> type) {
        return type.getEnclosingClass() == null ? type : outer(type.getEnclosingClass());
    }

    private static String name(Type type) {
        if (type instanceof ParameterizedType p) {
            return name(p.getRawType()) + "<" + Arrays.stream(p.getActualTypeArguments()).map(RulebookReferenceTest::name)
                    .collect(Collectors.joining(", ")) + ">";
        }
        if (type instanceof Class<?> c) {
            return c.isArray() ? name(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        return type.getTypeName().replaceAll("[\\w.]+\\.", "");
    }

    private static final Pattern DOC = Pattern.compile("/\\*\\*(.*?)\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*(?:public\\s+|static\\s+|final\\s+)*"
            + "(?:record|class|interface|enum)\\s+(\\w+)", Pattern.DOTALL);

    /** The type's Javadoc, without its tags, as one paragraph. */
    private static String javadoc(String source, String type) {
        Matcher m = DOC.matcher(source);
        while (m.find()) {
            if (m.group(2).equals(type)) {
                String body = clean(m.group(1));
                int tag = body.indexOf(" @");
                return (tag < 0 ? body : body.substring(0, tag)).strip();
            }
        }
        return "";
    }

    /** The @param lines of the file's Javadoc, by name. */
    private static Map<String, String> params(String source) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = DOC.matcher(source);
        while (m.find()) {
            String body = clean(m.group(1));
            Matcher param = Pattern.compile("@param\\s+(\\w+)\\s+(.*?)(?=\\s@\\w|$)").matcher(body);
            while (param.find()) {
                params.putIfAbsent(param.group(1), param.group(2).strip());
            }
        }
        return params;
    }

    private static String meaning(String key, String doc) {
        Matcher m = Pattern.compile("\\{@code " + key + "}([^;.]*)").matcher(doc);
        return m.find() ? m.group(1).strip() : "";
    }

    private static String clean(String javadoc) {
        return javadoc.replaceAll("(?m)^\\s*\\*\\s?", " ").replaceAll("\\{@(?:code|link)\\s+([^}]*)}", "`$1`")
                .replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
    }
}
