package cn.panzhihua.scoring.rulebook;

import cn.panzhihua.scoring.facts.Adoption;
import cn.panzhihua.scoring.facts.AdoptionEffect;
import cn.panzhihua.scoring.facts.AsOf;
import cn.panzhihua.scoring.facts.Assessment;
import cn.panzhihua.scoring.facts.AssessmentScore;
import cn.panzhihua.scoring.facts.Cap;
import cn.panzhihua.scoring.facts.Channel;
import cn.panzhihua.scoring.facts.Completion;
import cn.panzhihua.scoring.facts.Contribution;
import cn.panzhihua.scoring.facts.Deduction;
import cn.panzhihua.scoring.facts.Effect;
import cn.panzhihua.scoring.facts.Evidence;
import cn.panzhihua.scoring.facts.Evidenced;
import cn.panzhihua.scoring.facts.Excluded;
import cn.panzhihua.scoring.facts.Finding;
import cn.panzhihua.scoring.facts.Item;
import cn.panzhihua.scoring.facts.ItemScore;
import cn.panzhihua.scoring.facts.LaterAdoption;
import cn.panzhihua.scoring.facts.LeaderInstruction;
import cn.panzhihua.scoring.facts.Level;
import cn.panzhihua.scoring.facts.Line;
import cn.panzhihua.scoring.facts.MonthSubmission;
import cn.panzhihua.scoring.facts.Origin;
import cn.panzhihua.scoring.facts.Portion;
import cn.panzhihua.scoring.facts.PortionScore;
import cn.panzhihua.scoring.facts.Quote;
import cn.panzhihua.scoring.facts.ScoreChange;
import cn.panzhihua.scoring.facts.Scorecard;
import cn.panzhihua.scoring.facts.SelfScore;
import cn.panzhihua.scoring.facts.SelfScoreCheck;
import cn.panzhihua.scoring.facts.SelfScoreGap;
import cn.panzhihua.scoring.facts.Tally;
import cn.panzhihua.scoring.facts.Tier;
import cn.panzhihua.scoring.facts.TierProgress;
import cn.panzhihua.scoring.facts.TotalContribution;
import cn.panzhihua.scoring.facts.Uncounted;
import cn.panzhihua.scoring.facts.UnitYear;
import cn.panzhihua.scoring.facts.Veto;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a rule may name: the rubric's real vocabulary, derived from what the 2016 rulebook uses.
 * Fact types are the records and enums of {@code cn.panzhihua.scoring.facts} (every public method
 * they declare: record accessors and the few helpers such as {@code Evidence.of}); values are
 * {@link BigDecimal} arithmetic, {@link RoundingMode}, {@link MathContext}, {@link String},
 * {@link LocalDate} comparisons and a few read-only collection methods. Anything else (another
 * class, a method not listed, a constructor not listed) is refused by the {@link VocabularyGate}.
 */
public final class RuleVocabulary {

    public static final String FACTS_PACKAGE = "cn.panzhihua.scoring.facts";

    /**
     * Every type of the facts package; RuleVocabularyTest checks it against the package's files, so
     * a new fact type cannot be forgotten here.
     */
    public static final List<Class<?>> FACT_TYPES = List.of(Adoption.class, AdoptionEffect.class, AsOf.class, Assessment.class,
            AssessmentScore.class, Cap.class, Channel.class, Completion.class, Contribution.class, Deduction.class, Effect.class,
            Evidence.class, Evidenced.class, Excluded.class, Finding.class, Item.class, ItemScore.class, LaterAdoption.class,
            LeaderInstruction.class, Level.class, Line.class, MonthSubmission.class, Origin.class, Portion.class, PortionScore.class,
            Quote.class, ScoreChange.class, Scorecard.class, SelfScore.class, SelfScoreCheck.class, SelfScoreGap.class, Tally.class,
            Tally.Part.class, Tier.class, TierProgress.class, TotalContribution.class, Uncounted.class, UnitYear.class, Veto.class);

    /** Imports a DRL may have besides the facts package. */
    public static final Set<String> IMPORTS = Set.of("java.math.BigDecimal", "java.math.RoundingMode", "java.math.MathContext",
            "java.math.*", "java.util.List", "java.util.Set", "java.util.Collection", "java.time.LocalDate");

    /** Value types and what of them a rule may call (instance methods), besides the fact types' own methods. */
    static final Map<Class<?>, Set<String>> VALUE_METHODS = Map.ofEntries(
            Map.entry(BigDecimal.class, Set.of("add", "subtract", "multiply", "divide", "negate", "abs", "signum", "compareTo", "equals",
                    "min", "max", "scale", "precision", "stripTrailingZeros", "intValue", "longValue", "toPlainString", "toString",
                    "setScale", "remainder")),
            Map.entry(String.class, Set.of("length", "isEmpty", "isBlank", "equals", "startsWith", "endsWith", "contains", "compareTo",
                    "strip", "toString")),
            Map.entry(Integer.class, Set.of("intValue", "longValue", "compareTo", "equals", "toString")),
            Map.entry(Long.class, Set.of("intValue", "longValue", "compareTo", "equals", "toString")),
            Map.entry(Boolean.class, Set.of("booleanValue", "equals", "toString")),
            Map.entry(LocalDate.class, Set.of("isBefore", "isAfter", "isEqual", "getYear", "getMonthValue", "getDayOfMonth", "compareTo",
                    "equals", "toString")),
            Map.entry(List.class, Set.of("size", "isEmpty", "contains", "get")),
            Map.entry(Set.class, Set.of("size", "isEmpty", "contains")),
            Map.entry(Collection.class, Set.of("size", "isEmpty", "contains")),
            Map.entry(RoundingMode.class, Set.of("name", "equals")),
            Map.entry(MathContext.class, Set.of("getPrecision", "equals")));

    /** Static methods of value types a rule may call. */
    static final Map<Class<?>, Set<String>> VALUE_STATICS = Map.of(BigDecimal.class, Set.of("valueOf"));

    /** Static fields of value types a rule may read. */
    static final Map<Class<?>, Set<String>> VALUE_FIELDS = Map.of(
            BigDecimal.class, Set.of("ZERO", "ONE", "TEN"),
            MathContext.class, Set.of("DECIMAL32", "DECIMAL64", "DECIMAL128", "UNLIMITED"));

    /** Value types a rule may construct: BigDecimal from a whole number or a short decimal literal, MathContext. */
    static final Set<Class<?>> VALUE_CONSTRUCTORS = Set.of(BigDecimal.class, MathContext.class);

    /** Accumulate functions of Drools a rule may use, and what they bind. */
    public static final Map<String, Class<?>> ACCUMULATE_FUNCTIONS = Map.ofEntries(
            Map.entry("count", Long.class), Map.entry("sum", Double.class), Map.entry("sumI", Integer.class), Map.entry("sumL", Long.class),
            Map.entry("sumBD", BigDecimal.class), Map.entry("average", Double.class), Map.entry("averageBD", BigDecimal.class),
            Map.entry("min", Object.class), Map.entry("max", Object.class), Map.entry("collectList", List.class),
            Map.entry("collectSet", Set.class));

    /** Names refused with a reason of their own (they are refused anyway: none is in the vocabulary). */
    static final Map<String, String> DANGEROUS = dangerous();

    private static final Map<String, Class<?>> TYPES = types();

    private RuleVocabulary() {
    }

    private static Map<String, String> dangerous() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("System", "Runtime", "Thread", "ThreadGroup", "ProcessBuilder", "Process", "ProcessHandle")) {
            out.put(name, "a rule may not reach the operating system or the service's process");
        }
        for (String name : List.of("Class", "ClassLoader", "MethodHandles", "MethodHandle", "Method", "Field", "Constructor", "Proxy",
                "Unsafe", "Module", "ModuleLayer", "StackWalker", "Introspector")) {
            out.put(name, "reflection is not allowed in a rule");
        }
        for (String name : List.of("Files", "Path", "Paths", "File", "FileInputStream", "FileOutputStream", "FileReader", "FileWriter",
                "RandomAccessFile", "FileSystems", "FileChannel", "InputStream", "OutputStream", "ObjectInputStream", "ObjectOutputStream")) {
            out.put(name, "a rule may not read or write files");
        }
        for (String name : List.of("URL", "URI", "Socket", "ServerSocket", "HttpClient", "InetAddress", "DatagramSocket", "URLClassLoader")) {
            out.put(name, "a rule may not use the network");
        }
        for (String name : List.of("ScriptEngineManager", "ScriptEngine", "MVEL", "InitialContext", "Executors", "ForkJoinPool",
                "CompletableFuture", "Timer", "Arc", "CDI")) {
            out.put(name, "a rule may not run other code or reach the service's components");
        }
        return Map.copyOf(out);
    }

    private static Map<String, Class<?>> types() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (Class<?> type : FACT_TYPES) {
            out.put(type.getSimpleName(), type);
        }
        for (Class<?> type : List.of(BigDecimal.class, RoundingMode.class, MathContext.class, String.class, Integer.class, Long.class,
                Boolean.class, LocalDate.class, List.class, Set.class, Collection.class)) {
            out.put(type.getSimpleName(), type);
        }
        return Map.copyOf(out);
    }

    /** A type a rule may name, by its simple name (a fact type, a value type). */
    public static Optional<Class<?>> type(String simpleName) {
        return Optional.ofNullable(TYPES.get(simpleName));
    }

    public static Set<String> typeNames() {
        return new TreeSet<>(TYPES.keySet());
    }

    public static boolean isFact(Class<?> type) {
        return type != null && type.getPackageName().equals(FACTS_PACKAGE);
    }

    /** The public instance methods named {@code name} a rule may call on {@code type} (empty when none is allowed). */
    static List<Method> instanceMethods(Class<?> type, String name) {
        List<Method> out = new ArrayList<>();
        if (type == null) {
            return out;
        }
        Set<String> allowedValue = allowedValueMethods(type);
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || !m.getName().equals(name)) {
                continue;
            }
            boolean factMethod = isFact(m.getDeclaringClass()) || (isFact(type) && type.isEnum()
                    && Set.of("name", "ordinal", "compareTo", "equals").contains(name));
            if (factMethod || allowedValue.contains(name)) {
                out.add(m);
            }
        }
        return out;
    }

    private static Set<String> allowedValueMethods(Class<?> type) {
        Set<String> out = new LinkedHashSet<>();
        VALUE_METHODS.forEach((t, names) -> {
            if (t.isAssignableFrom(type)) {
                out.addAll(names);
            }
        });
        return out;
    }

    /** Every instance method name any allowed type allows: what may be called on a value whose type is not known. */
    static Set<String> anyInstanceMethodNames() {
        Set<String> out = new TreeSet<>();
        VALUE_METHODS.values().forEach(out::addAll);
        for (Class<?> type : FACT_TYPES) {
            for (Method m : type.getMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) && isFact(m.getDeclaringClass())) {
                    out.add(m.getName());
                }
            }
        }
        return out;
    }

    /** The static methods named {@code name} a rule may call on {@code type}. */
    static List<Method> staticMethods(Class<?> type, String name) {
        List<Method> out = new ArrayList<>();
        Set<String> value = VALUE_STATICS.getOrDefault(type, Set.of());
        for (Method m : type.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getName().equals(name)
                    && (isFact(m.getDeclaringClass()) || value.contains(name) || (isFact(type) && type.isEnum()))) {
                out.add(m);
            }
        }
        return out;
    }

    /** A static field (an enum constant, BigDecimal.ZERO) a rule may read, with its type. */
    static Optional<Class<?>> staticField(Class<?> type, String name) {
        try {
            Field f = type.getField(name);
            if (!Modifier.isStatic(f.getModifiers())) {
                return Optional.empty();
            }
            if (isFact(type) || type == RoundingMode.class || VALUE_FIELDS.getOrDefault(type, Set.of()).contains(name)) {
                return Optional.of(f.getType());
            }
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static boolean constructible(Class<?> type) {
        return VALUE_CONSTRUCTORS.contains(type) || (isFact(type) && !type.isInterface() && !type.isEnum()
                && Arrays.stream(type.getConstructors()).findAny().isPresent());
    }

    /**
     * What a constraint may read of a fact as a field: a record component, or a public method
     * without parameters (x, getX, isX).
     */
    static Optional<Method> property(Class<?> type, String name) {
        if (type == null || name.isEmpty()) {
            return Optional.empty();
        }
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, "get" + cap, "is" + cap)) {
            for (Method m : instanceMethods(type, candidate)) {
                if (m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    /** The fields an author may read of a fact: its record components, or its readable methods. */
    static List<String> fields(Class<?> type) {
        if (type == null) {
            return List.of();
        }
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        }
        Set<String> out = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && isFact(m.getDeclaringClass())) {
                out.add(m.getName());
            }
        }
        return List.copyOf(out);
    }

    /** The names of the methods a rule may call on {@code type}, for a suggestion. */
    static List<String> methodNames(Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (!instanceMethods(type, m.getName()).isEmpty()) {
                out.add(m.getName());
            }
        }
        return List.copyOf(out);
    }

    /** The closest of {@code candidates} to {@code name}, if one is close enough to be a likely slip. */
    static Optional<String> closest(String name, Collection<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(c.toLowerCase(), name.toLowerCase()) <= Math.max(2, name.length() / 3))
                .min(Comparator.comparingInt((String c) -> distance(c.toLowerCase(), name.toLowerCase())).thenComparing(c -> c));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
