package cn.panzhihua.scoring.rulebook;

import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.DialectRuntimeData;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.kie.api.definition.KiePackage;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Defence in depth behind the {@link VocabularyGate}: the classes the Java compiler generated for a
 * rulebook's consequences and accumulate invokers are read (their constant pools) before the
 * rulebook may serve or a draft may run. A reference to a class or member a rule has no business
 * with (the operating system, files, the network, reflection, threads, script engines, the
 * service's own components) refuses the package, whatever the DRL looked like.
 */
final class GeneratedClassCheck {

    /** Class names (internal form, by prefix) no generated rule class may refer to. */
    static final List<String> DENIED_PREFIXES = List.of("java/io/File", "java/io/RandomAccess", "java/io/ObjectInputStream",
            "java/io/PrintStream", "java/io/Console", "java/nio/", "java/net/", "java/lang/reflect/", "java/lang/ProcessBuilder",
            "java/lang/Process", "java/lang/Runtime", "java/lang/System", "java/lang/Thread", "java/lang/ClassLoader",
            "java/lang/Module", "java/lang/StackWalker", "java/lang/ref/", "java/lang/management/", "java/lang/instrument/",
            "java/security/", "java/util/concurrent/", "java/util/ServiceLoader", "java/util/jar/", "java/util/zip/",
            "java/util/prefs/", "java/util/logging/", "java/sql/", "javax/", "jdk/", "sun/", "com/sun/", "org/mvel2/", "io/quarkus/",
            "io/vertx/", "io/smallrye/", "org/jboss/", "org/apache/", "com/fasterxml/", "org/h2/", "org/postgresql/", "org/flywaydb/",
            "org/drools/util/ClassUtils", "org/drools/wiring/");
    /** Members of otherwise allowed classes no generated rule class may call. */
    static final Set<String> DENIED_MEMBERS = Set.of("java/lang/Class.forName", "java/lang/Class.getMethod", "java/lang/Class.getMethods",
            "java/lang/Class.getDeclaredMethod", "java/lang/Class.getDeclaredMethods", "java/lang/Class.getField",
            "java/lang/Class.getDeclaredField", "java/lang/Class.getConstructor", "java/lang/Class.getDeclaredConstructor",
            "java/lang/Class.newInstance", "java/lang/Class.getClassLoader",
            "java/lang/invoke/MethodHandles.lookup", "java/lang/invoke/MethodHandles.privateLookupIn");
    /** The application's own classes a rule class may refer to: the facts only. */
    private static final String APPLICATION = "cn/panzhihua/scoring/";
    private static final String FACTS = "cn/panzhihua/scoring/facts/";

    private GeneratedClassCheck() {
    }

    /** A refused reference: the generated class and what it refers to. */
    record Refusal(String generatedClass, String reference) {
    }

    /** The first refused reference of any generated class of {@code packages}, if any. */
    static Optional<Refusal> check(Collection<KiePackage> packages) {
        for (KiePackage pkg : packages) {
            for (Map.Entry<String, byte[]> generated : classes(pkg).entrySet()) {
                Optional<String> refused = refused(generated.getValue());
                if (refused.isPresent()) {
                    return Optional.of(new Refusal(generated.getKey(), refused.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The generated classes of a compiled package, by resource name. */
    static Map<String, byte[]> classes(KiePackage pkg) {
        if (pkg instanceof InternalKnowledgePackage internal) {
            DialectRuntimeData data = internal.getDialectRuntimeRegistry().getDialectData("java");
            if (data instanceof JavaDialectRuntimeData java) {
                return java.getStore();
            }
        }
        return Map.of();
    }

    /** The first reference of a class file that is denied, if any. */
    static Optional<String> refused(byte[] classFile) {
        List<String> references;
        try {
            references = references(classFile);
        } catch (IOException | RuntimeException e) {
            return Optional.of("(a class file that cannot be read)");
        }
        for (String reference : references) {
            String type = reference.contains(".") ? reference.substring(0, reference.indexOf('.')) : reference;
            type = type.replaceFirst("^\\[+L?", "").replaceFirst(";$", "");
            for (String denied : DENIED_PREFIXES) {
                if (type.startsWith(denied)) {
                    return Optional.of(reference);
                }
            }
            if (type.startsWith(APPLICATION) && !type.startsWith(FACTS)) {
                return Optional.of(reference);
            }
            if (DENIED_MEMBERS.contains(reference)) {
                return Optional.of(reference);
            }
        }
        return Optional.empty();
    }

    /**
     * Every class the constant pool names and every member it refers to (as {@code owner.name}),
     * and "invokedynamic" bootstraps other than string concatenation.
     */
    static List<String> references(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[][] member = new int[count][];
        int[] nameAndTypeName = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11 -> member[i] = new int[]{in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> {
                    nameAndTypeName[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (classNameIndex[i] != 0) {
                out.add(utf8[classNameIndex[i]]);
            }
            if (member[i] != null) {
                String owner = utf8[classNameIndex[member[i][0]]];
                String name = utf8[nameAndTypeName[member[i][1]]];
                out.add(owner + "." + name);
            }
        }
        return out;
    }
}
