package cn.panzhihua.scoring.rulebook;

import org.junit.jupiter.api.Test;
import org.kie.api.definition.KiePackage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated classes' constant pools are read: the 2016 rulebook's pass, a class that reaches the process does not. */
class GeneratedClassCheckTest {

    /** Compiled by javac into the test classes: what a class that escaped the gate would look like. */
    static final class Escaped {
        static Process run() throws IOException {
            return Runtime.getRuntime().exec(new String[]{"id"});
        }

        static String read() throws IOException {
            return java.nio.file.Files.readString(Path.of("service-key.pem"));
        }
    }

    @Test
    void the2016RulebooksGeneratedClassesPass() {
        Rulebook rulebook = RulebookLoader.load(RulesDirectory.resolve("rules-drl").resolve("2016"));
        int classes = 0;
        TreeSet<String> owners = new TreeSet<>();
        for (KiePackage pkg : rulebook.kieBase().getKiePackages()) {
            for (Map.Entry<String, byte[]> generated : GeneratedClassCheck.classes(pkg).entrySet()) {
                classes++;
                assertEquals(Optional.empty(), GeneratedClassCheck.refused(generated.getValue()), generated.getKey());
                try {
                    GeneratedClassCheck.references(generated.getValue()).forEach(r -> owners.add(r.contains(".") ? r.substring(0, r.indexOf('.')) : r));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertTrue(classes > 50, "the 2016 rulebook's consequences are compiled classes: " + classes);
        System.out.println("GeneratedClassCheckTest: " + classes + " classes refer to " + owners);
    }

    @Test
    void aClassThatReachesTheProcessOrFilesIsRefused() throws IOException {
        byte[] bytes;
        try (InputStream in = Escaped.class.getResourceAsStream("GeneratedClassCheckTest$Escaped.class")) {
            bytes = in.readAllBytes();
        }
        Optional<String> refused = GeneratedClassCheck.refused(bytes);
        assertTrue(refused.isPresent());
        assertTrue(refused.get().startsWith("java/lang/Runtime") || refused.get().startsWith("java/nio/"), refused.get());
        assertFalse(GeneratedClassCheck.refused(new byte[]{1, 2, 3}).isEmpty(), "bytes that are not a class are refused, not skipped");
    }
}
